"""Applicant pages: profile, saved searches, followed calls. Every object is
loaded through the signed-in user, so nobody reaches another's."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from nidaa.accounts import services
from nidaa.accounts.forms import ProfileForm
from nidaa.accounts.models import Profile, User
from nidaa.common.downloads import stored_file_response


def _user(request: HttpRequest) -> User:
    # Only called behind @login_required.
    assert isinstance(request.user, User)  # noqa: S101
    return request.user


@login_required
def edit_profile(request: HttpRequest) -> HttpResponse:
    profile = services.get_or_create_profile(user=_user(request))
    if request.method == "POST":
        form = ProfileForm(request.POST, request.FILES, instance=profile)
        if form.is_valid():
            data = form.cleaned_data
            cv = data.get("cv")
            services.update_profile(
                profile=profile,
                skills=data["skills"],
                languages=data["languages"],
                regions=data["regions"],
                bio=data["bio"],
                is_public=data["is_public"],
                cv=cv,
                cv_kind=getattr(cv, "cv_kind", ""),
                first_name=data["first_name"],
                last_name=data["last_name"],
            )
            messages.success(request, _("Your profile was saved."))
            return redirect("accounts:profile")
        # Nothing was saved: the CV on file stays the previous one.
        profile.refresh_from_db()
    else:
        form = ProfileForm(instance=profile)
    return render(request, "accounts/profile.html", {"form": form, "profile": profile})


@login_required
def download_cv(request: HttpRequest) -> FileResponse:
    profile = Profile.objects.filter(user=_user(request)).first()
    if profile is None or not profile.cv:
        raise Http404
    return stored_file_response(
        profile.cv.open("rb"), filename=profile.cv_original_name or profile.cv.name.rsplit("/", 1)[-1]
    )
