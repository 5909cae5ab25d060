from django.urls import path
from django.views.generic import RedirectView

from home import converters  # noqa: F401 - registers <id:…>

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
    path("t/<id:pk>/", reading.TopicView.as_view(), name="topic_short"),
    path("t/<id:pk>/reply/", writing.ReplyView.as_view(), name="reply"),
    path("t/<id:pk>/<str:slug>/", reading.TopicView.as_view(), name="topic"),
    path("post/<id:pk>/", reading.PostLinkView.as_view(), name="post"),
    path("post/<id:pk>/edit/", writing.EditPostView.as_view(), name="edit_post"),
    path("post/<id:pk>/delete/", writing.DeletePostView.as_view(), name="delete_post"),
    path("post/<id:pk>/history/", writing.PostHistoryView.as_view(), name="post_history"),
    path("post/<id:pk>/react/", writing.ReactView.as_view(), name="react"),
    path("post/<id:pk>/bookmark/", members.BookmarkView.as_view(), name="bookmark"),
    path("bookmarks/", members.BookmarksView.as_view(), name="bookmarks"),
    path("post/<id:pk>/report/", writing.ReportView.as_view(), name="report"),
    path("post/<id:pk>/solved/", writing.SolvedView.as_view(), name="solved"),
    path("follow/<str:kind>/<str:key>/", writing.SubscribeView.as_view(), name="subscribe"),
    path("attachment/<id:pk>/<str:name>", attachments.AttachmentView.as_view(), name="attachment"),
    path("u/<id:pk>/", reading.MemberView.as_view(), name="member"),
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
        "moderation/report/<id:pk>/", moderation.ResolveReportView.as_view(), name="resolve_report"
    ),
    path("moderation/post/<id:pk>/", moderation.PostModerationView.as_view(), name="moderate_post"),
    path(
        "moderation/topic/<id:pk>/",
        moderation.TopicModerationView.as_view(),
        name="moderate_topic",
    ),
    path("moderation/topic/<id:pk>/move/", moderation.MoveTopicView.as_view(), name="move_topic"),
    path(
        "moderation/topic/<id:pk>/split/", moderation.SplitTopicView.as_view(), name="split_topic"
    ),
    path("moderation/member/<id:pk>/", moderation.SilenceView.as_view(), name="silence"),
    path("feeds/latest/", feeds.LatestTopicsFeed(), name="feed_latest"),
    path("feeds/c/<str:slug>/", feeds.CategoryFeed(), name="feed_category"),
    path("feeds/private/<str:token>/", feeds.PrivateFeed(), name="feed_private"),
]
