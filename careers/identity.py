"""Who the social workers are, for `accounts` (registered from CareersConfig.ready()): a
user linked to a social worker's record; her door is the workers' log-in page; her name and
ID number are what her password may not resemble."""

from accounts import audiences, doors


def _is_worker(user) -> bool:
    return hasattr(user, "social_worker")


def _facts(user) -> audiences.PersonalFacts | None:
    worker = getattr(user, "social_worker", None)
    if worker is None:
        return None
    return audiences.PersonalFacts(
        names=(worker.name,), id_numbers=(worker.id_number,) if worker.id_number else ()
    )


def register() -> None:
    audiences.register(audiences.WORKER, _is_worker)
    audiences.register_personal_facts(_facts)
    doors.register(
        doors.Door(
            "careers:login",
            audiences.WORKER,
            "WORKER_LOGIN_RATE",
            "WORKER_LOGIN_USERNAME_RATE",
            "忘记密码请联系所在街道社工站，工作人员会给您一个重设密码的链接。",
            home="careers:me",
        )
    )
