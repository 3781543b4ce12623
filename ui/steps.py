"""One step of a record's page (a meeting, a decision, a suspension…) posted as a form."""

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect


def run_step(
    request,
    form,
    run: Callable[[dict, object], str],
    *,
    refused: type[Exception],
    done_url: str,
    show_again: Callable[[object], HttpResponse],
) -> HttpResponse:
    """Validate the step's form and run its service; on success say what was done and go
    back to the record's page, else show the page again with the form and its error.

    `run(cleaned_data, form)` calls one service and returns the message to show; a service
    refusing the step raises `refused`, whose text becomes the form's error.
    `show_again(form)` renders the record's page with the failed form, status 400.
    """
    if form.is_valid():
        try:
            done = run(form.cleaned_data, form)
        except refused as e:
            form.add_error(None, str(e))
        else:
            messages.success(request, done)
            return redirect(done_url)
    return show_again(form)
