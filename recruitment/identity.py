"""Who the candidates are, for `accounts` (registered from RecruitmentConfig.ready()): a user
with a candidate account; her door is the candidates' log-in page; her name and ID number are
what her password may not resemble."""

from accounts import audiences, doors


def _is_candidate(user) -> bool:
    return hasattr(user, "candidate_account")


def _facts(user) -> audiences.PersonalFacts | None:
    account = getattr(user, "candidate_account", None)
    if account is None:
        return None
    return audiences.PersonalFacts(names=(account.name,), id_numbers=(account.id_number,))


def register() -> None:
    audiences.register(audiences.CANDIDATE, _is_candidate)
    audiences.register_personal_facts(_facts)
    doors.register(
        doors.Door(
            "recruitment:login",
            audiences.CANDIDATE,
            "CANDIDATE_LOGIN_RATE",
            "CANDIDATE_LOGIN_USERNAME_RATE",
            "忘记密码可在登录页点“忘记密码”用邮箱重设，或致电民政局社工科。",
            home="recruitment:mine",
        )
    )
