from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from careers import me, views

app_name = "careers"

urlpatterns = [
    path("", views.index, name="index"),
    path("subsidies/", views.subsidies, name="subsidies"),
    path("promotion/", views.promotion, name="promotion"),
    path("training/", views.training, name="training"),
    path("training/<int:pk>/sign-up/", views.sign_up, name="sign-up"),
    # The social worker's own pages (碧江社工服务平台)
    path("login/", me.WorkerLoginView.as_view(), name="login"),
    path(
        "logout/",
        auth_views.LogoutView.as_view(next_page=reverse_lazy("careers:login")),
        name="logout",
    ),
    path("activate/<str:token>/", me.activation, name="activate"),
    path("reset-password/<str:token>/", me.password_reset, name="reset-password"),
    path("me/", me.me, name="me"),
    path("me/supervision/<int:pk>/confirm/", me.confirm_supervision, name="confirm-supervision"),
    path("me/courses/", me.courses, name="courses"),
    path("me/lessons/<int:pk>/", me.lesson, name="lesson"),
    path("me/lessons/<int:pk>/video/", me.lesson_video, name="lesson-video"),
    path("me/lessons/<int:pk>/handout/", me.lesson_handout, name="lesson-handout"),
    path("me/lessons/<int:pk>/progress/", me.lesson_progress, name="lesson-progress"),
    path("me/lectures/", me.lectures, name="lectures"),
    path("me/lectures/<int:pk>/check-in/", me.lecture_check_in, name="lecture-check-in"),
    path("me/promotion/", me.application, name="application"),
    path("me/achievements/", me.add_achievement, name="add-achievement"),
    path("me/achievements/<int:pk>/file/", me.achievement_file, name="achievement-file"),
]
