from allauth.account import views as allauth_views
from django.urls import path

from nidaa.accounts import members, views

# allauth's own pages (signup, e-mail confirmation, password reset...) are
# included beside this module under the same /accounts/ prefix, and so are
# the alerts' pages (nidaa.alerts.urls: saved searches, follows); login and
# logout keep the names the rest of the project uses.
app_name = "accounts"
urlpatterns = [
    path("login/", allauth_views.login, name="login"),
    path("logout/", allauth_views.logout, name="logout"),
    path("profile/", views.edit_profile, name="profile"),
    path("profile/cv/", views.download_cv, name="profile_cv"),
    path("organizations/", members.my_organizations, name="organizations"),
    path("organizations/<slug:slug>/members/", members.members, name="members"),
    path(
        "organizations/<slug:slug>/members/<int:membership_id>/", members.change_member, name="change_member"
    ),
    path(
        "organizations/<slug:slug>/invitations/<int:invitation_id>/",
        members.change_invitation,
        name="change_invitation",
    ),
    path("invitations/<str:token>/", members.invitation, name="invitation"),
]
