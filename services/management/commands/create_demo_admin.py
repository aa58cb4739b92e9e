import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from accounts import access
from accounts.models import StaffProfile
from accounts.passwords import require_change


class Command(BaseCommand):
    help = (
        "Create a demo superuser (district-hub staff) and print its password, "
        "only when no superuser exists yet."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username: str, **options):
        User = get_user_model()
        if access.superusers(User.objects).exists():
            self.stdout.write(
                "已有管理员账号，未新建。忘记密码可运行：.venv/bin/python manage.py changepassword "
                + username
            )
            return
        password = secrets.token_urlsafe(12)
        user = User.objects.create_superuser(username=username, password=password, email="")
        StaffProfile.objects.create(user=user, is_district_hub=True)
        require_change(user)  # a generated password: she sets her own at the first log-in
        self.stdout.write(self.style.SUCCESS("已创建演示管理员（区社工总站）："))
        self.stdout.write(f"  用户名：{username}")
        self.stdout.write(f"  密码：  {password}")
        self.stdout.write("  后台地址：http://127.0.0.1:8000/admin/")
        self.stdout.write("  首次登录后须先修改这个生成的密码（至少12位，含三类字符）。")
        self.stdout.write(
            "  第一次登录时需设置第二重验证：用手机上的身份验证器（微信小程序“腾讯身份验证器”、"
            "Google Authenticator 或 FreeOTP）扫描页面上的二维码，并保存显示的恢复码。"
        )
