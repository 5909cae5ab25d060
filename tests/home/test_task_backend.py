"""The task backend chosen by settings. Under `make test-redis-tasks` (GPE_TEST_TASKS=rq) the
tasks go through this machine's Redis with django-tasks-rq; otherwise they run immediately."""

import uuid

import pytest
from django.conf import settings
from django.core import mail
from django_tasks import TaskResultStatus, default_task_backend, task_backends

from home.models import PolicyFeedback
from home.policy.tasks import notify_editors_of_feedback

pytestmark = pytest.mark.django_db

RQ = settings.TASKS["default"]["BACKEND"] == "django_tasks_rq.RQBackend"
needs_rq = pytest.mark.skipif(not RQ, reason="runs under make test-redis-tasks (RQ backend)")


@pytest.fixture
def feedback(policy):
    return PolicyFeedback.objects.create(page=policy, message="Section 4 is unclear.")


def test_task_backend_follows_the_setting(feedback, editor):
    expected = "RQBackend" if RQ else "ImmediateBackend"
    assert type(task_backends["default"]).__name__ == expected
    result = notify_editors_of_feedback.enqueue(feedback.pk)
    if RQ:  # performed on enqueue; the result is read back from Redis
        result = default_task_backend.get_result(result.id)
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == 1
    assert [message.to for message in mail.outbox] == [[editor.email]]


@needs_rq
def test_task_backend_stores_the_result_in_redis(feedback, editor):
    import django_rq

    result = notify_editors_of_feedback.enqueue(feedback.pk)
    # The job and its result are Redis records that any process can read back.
    connection = django_rq.get_connection("default")
    assert connection.exists(f"rq:job:{result.id}")
    again = default_task_backend.get_result(result.id)
    assert again.status == TaskResultStatus.SUCCESSFUL
    assert [message.to for message in mail.outbox] == [[editor.email]]


@needs_rq
def test_task_backend_real_worker_runs_a_queued_job(feedback, editor):
    """A job queued in Redis and taken by an RQ worker (in this process, so it sees the
    test's database transaction). A lock keeps two test runs on one machine apart."""
    import django_rq
    from django.test import override_settings
    from django_tasks_rq.backend import Job
    from rq import SimpleWorker

    queues = {"default": {**settings.RQ_QUEUES["default"], "ASYNC": True}}
    connection = django_rq.get_connection("default")
    with connection.lock("gpe-test-rq-worker", timeout=120, blocking_timeout=120):
        with override_settings(RQ_QUEUES=queues):
            result = notify_editors_of_feedback.enqueue(feedback.pk)
            assert default_task_backend.get_result(result.id).status == TaskResultStatus.READY
            assert mail.outbox == []
            queue = django_rq.get_queue("default", job_class=Job)
            worker = SimpleWorker(
                [queue],
                connection=connection,
                job_class=Job,
                name=f"gpe-test-{uuid.uuid4().hex[:8]}",
            )
            worker.work(burst=True)
        assert default_task_backend.get_result(result.id).status == TaskResultStatus.SUCCESSFUL
    assert [message.to for message in mail.outbox] == [[editor.email]]
