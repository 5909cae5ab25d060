from django.urls import path
from django.views.generic import RedirectView

from . import feeds
from .views import attachments, colours, members, moderation, reading, writing

app_name = "forum"

urlpatterns = [
    path("", reading.IndexView.as_view(), name="index"),
    path("colours.css", colours.CategoryColoursView.as_view(), name="colours"),
    path("unread/", reading.UnreadView.as_view(), name="unread"),
    path("search/", members.SearchView.as_view(), name="search"),
    path("c/<str:slug>/", reading.CategoryView.as_view(), name="category"),
    path("c/<str:slug>/new/", writing.NewTopicView.as_view(), name="new_topic"),
    path("t/<int:pk>/", reading.TopicView.as_view(), name="topic_short"),
    path("t/<int:pk>/reply/", writing.ReplyView.as_view(), name="reply"),
    path("t/<int:pk>/<str:slug>/", reading.TopicView.as_view(), name="topic"),
    path("post/<int:pk>/", reading.PostLinkView.as_view(), name="post"),
    path("post/<int:pk>/edit/", writing.EditPostView.as_view(), name="edit_post"),
    path("post/<int:pk>/delete/", writing.DeletePostView.as_view(), name="delete_post"),
    path("post/<int:pk>/history/", writing.PostHistoryView.as_view(), name="post_history"),
    path("post/<int:pk>/react/", writing.ReactView.as_view(), name="react"),
    path("post/<int:pk>/report/", writing.ReportView.as_view(), name="report"),
    path("post/<int:pk>/solved/", writing.SolvedView.as_view(), name="solved"),
    path("follow/<str:kind>/<str:key>/", writing.SubscribeView.as_view(), name="subscribe"),
    path("attachment/<int:pk>/<str:name>", attachments.AttachmentView.as_view(), name="attachment"),
    path("u/<int:pk>/", reading.MemberView.as_view(), name="member"),
    # Notifications are the site's now; old links and mails still arrive here.
    path(
        "notifications/",
        RedirectView.as_view(pattern_name="partners:notifications"),
        name="notifications",
    ),
    path("preferences/", members.PreferencesView.as_view(), name="preferences"),
    path("mentions/", members.MentionSuggestionsView.as_view(), name="mention_suggestions"),
    path("moderation/", moderation.QueueView.as_view(), name="moderation"),
    path("moderation/log/", moderation.LogView.as_view(), name="moderation_log"),
    path(
        "moderation/report/<int:pk>/", moderation.ResolveReportView.as_view(), name="resolve_report"
    ),
    path(
        "moderation/post/<int:pk>/", moderation.PostModerationView.as_view(), name="moderate_post"
    ),
    path(
        "moderation/topic/<int:pk>/",
        moderation.TopicModerationView.as_view(),
        name="moderate_topic",
    ),
    path("moderation/topic/<int:pk>/move/", moderation.MoveTopicView.as_view(), name="move_topic"),
    path(
        "moderation/topic/<int:pk>/split/", moderation.SplitTopicView.as_view(), name="split_topic"
    ),
    path("moderation/member/<int:pk>/", moderation.SilenceView.as_view(), name="silence"),
    path("feeds/latest/", feeds.LatestTopicsFeed(), name="feed_latest"),
    path("feeds/c/<str:slug>/", feeds.CategoryFeed(), name="feed_category"),
    path("feeds/private/<str:token>/", feeds.PrivateFeed(), name="feed_private"),
]
