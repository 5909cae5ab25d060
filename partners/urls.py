from django.urls import path

from home import converters  # noqa: F401 - registers <id:…>

from . import views

app_name = "partners"

urlpatterns = [
    path("organisations/", views.OrganisationListView.as_view(), name="organisation_list"),
    path(
        "organisations/<id:pk>/manage/",
        views.OrganisationManageView.as_view(),
        name="organisation_manage",
    ),
    path(
        "organisations/<id:pk>/members/<id:membership_pk>/remove/",
        views.MemberRemoveView.as_view(),
        name="member_remove",
    ),
    path(
        "organisations/<id:pk>/invitations/<id:invitation_pk>/revoke/",
        views.InvitationChangeView.as_view(action="revoke"),
        name="invitation_revoke",
    ),
    path(
        "organisations/<id:pk>/invitations/<id:invitation_pk>/resend/",
        views.InvitationChangeView.as_view(action="resend"),
        name="invitation_resend",
    ),
    path("invitations/<str:key>/", views.InvitationView.as_view(), name="invitation"),
    path("request-access/", views.RequestAccessView.as_view(), name="request_access"),
    path(
        "request-access/sent/",
        views.RequestAccessSentView.as_view(),
        name="request_access_sent",
    ),
    path("members/", views.DirectoryView.as_view(), name="directory"),
    path("members/<id:user_id>/", views.ProfileView.as_view(), name="profile"),
    path("members/<id:user_id>/contact/", views.ContactView.as_view(), name="contact"),
    path("account/", views.AccountView.as_view(), name="account"),
    path("notifications/", views.NotificationListView.as_view(), name="notifications"),
    path("notifications/<id:pk>/", views.NotificationOpenView.as_view(), name="notification"),
    path("account/export/", views.ExportView.as_view(), name="account_export"),
    path("account/delete/", views.DeleteAccountView.as_view(), name="account_delete"),
    path("account/deleted/", views.AccountDeletedView.as_view(), name="account_deleted"),
]
