"""Factories of the applications app. An application built here is submitted,
with one version; its files are stored under their sha256 as the services
store them (MEDIA_ROOT is a temporary folder in every test)."""

import hashlib
from datetime import timedelta

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from factory.django import DjangoModelFactory

from nidaa.applications.models import (
    Application,
    ApplicationChannel,
    ApplicationFile,
    ApplicationStatus,
    ApplicationVersion,
)
from nidaa.calls.models import CallStatus
from tests.factories.accounts import UserFactory
from tests.factories.calls import CallFactory

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class ApplicationFactory(DjangoModelFactory):
    class Meta:
        model = Application

    call = factory.SubFactory(CallFactory, status=CallStatus.PUBLISHED)
    applicant = factory.SubFactory(UserFactory)
    channel = ApplicationChannel.WEB
    status = ApplicationStatus.SUBMITTED
    receipt_number = factory.Sequence(lambda n: f"NDA-TEST-{n:06d}")
    applicant_name = factory.LazyAttribute(lambda a: a.applicant.get_full_name() if a.applicant else "")
    applicant_email = factory.LazyAttribute(lambda a: a.applicant.email if a.applicant else "")
    version_count = 1
    received_at = factory.LazyFunction(timezone.now)


class ApplicationVersionFactory(DjangoModelFactory):
    class Meta:
        model = ApplicationVersion

    application = factory.SubFactory(ApplicationFactory)
    number = factory.LazyAttribute(lambda v: v.application.version_count)
    submitted_at = factory.LazyAttribute(lambda v: v.application.received_at or timezone.now())
    channel = factory.LazyAttribute(lambda v: v.application.channel)


class ApplicationFileFactory(DjangoModelFactory):
    """A stored piece of a version (``version=None``: of the draft)."""

    class Meta:
        model = ApplicationFile

    class Params:
        content = PDF

    version = factory.SubFactory(ApplicationVersionFactory)
    application = factory.LazyAttribute(
        lambda f: f.version.application if f.version else ApplicationFactory()
    )
    piece = "cv"
    original_name = "CV.pdf"
    content_type = "pdf"
    size = factory.LazyAttribute(lambda f: len(f.content))
    sha256 = factory.LazyAttribute(lambda f: hashlib.sha256(f.content).hexdigest())
    # The field's upload_to names the stored file after the sha256, not this name.
    file = factory.LazyAttribute(lambda f: ContentFile(f.content, name=f.original_name))


class SubmittedApplicationFactory(DjangoModelFactory):
    """A submitted application as the evaluation sees it (no files: the
    evaluation reads the flags, the identity and the receipt number)."""

    class Meta:
        model = Application

    call = factory.SubFactory(CallFactory)
    status = ApplicationStatus.SUBMITTED
    receipt_number = factory.Sequence(lambda n: f"R-TEST-{n:05d}")
    applicant_name = factory.Sequence(lambda n: f"Candidate {n}")
    applicant_email = factory.Sequence(lambda n: f"candidate{n}@example.net")
    version_count = 1
    received_at = factory.LazyAttribute(lambda a: a.call.deadline - timedelta(hours=2))
