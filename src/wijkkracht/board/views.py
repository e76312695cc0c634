"""The board. Views parse, ask the policy and call services; they never write models themselves."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wijkkracht.accounts.policy import require
from wijkkracht.accounts.services import throttle_record
from wijkkracht.places.models import District
from wijkkracht.support.handover import HandOverForm
from wijkkracht.validators import add_service_errors
from wijkkracht.workflow.web import history, move_buttons, post_move

from . import services, throttling
from .constants import KIND_PARAM, MoveLabel, PostKind, PostStatus
from .forms import HideForm, PostForm, ReplyForm
from .models import BoardPost, BoardReply
from .permissions import Action, can, visible_to

PAGE_SIZE = 20


def _data(request):
    return request.POST if request.method == "POST" else None


def _district(slug) -> District:
    return get_object_or_404(District, slug=slug)


def _chosen_name(user) -> str:
    """What the form offers as the name on a post: the first name, else the account's display name."""
    try:
        return user.person.first_name
    except Exception:  # noqa: BLE001 - RelatedObjectDoesNotExist: an account without a Person
        return (user.display_name or "").split(" ")[0]


def _throttled(request, kind: str):
    checks = throttling.checks(request, kind=kind)
    return checks, throttling.wait_seconds(checks)


def _wait_message(seconds: int) -> str:
    minutes = max(1, -(-seconds // 60))
    return ngettext(
        "U hebt veel berichten kort na elkaar geplaatst. Wacht %(minutes)s minuut en probeer het dan opnieuw.",
        "U hebt veel berichten kort na elkaar geplaatst. Wacht %(minutes)s minuten en probeer het dan opnieuw.",
        minutes,
    ) % {"minutes": minutes}


@require_GET
def offer_help(request):
    """ "Bied hulp aan": an offer on the district's board, or becoming a volunteer."""
    require(request.user, Action.READ)
    district = District.objects.filter(slug=request.GET.get("wijk", "")).first() if request.GET.get("wijk") else None
    districts = [] if district else list(District.objects.order_by("name"))
    return render(request, "board/offer_help.html", {"district": district, "districts": districts})


@require_GET
def index(request):
    """Every district's board, with the number of open posts (one query)."""
    require(request.user, Action.READ)
    districts = District.objects.annotate(
        open_posts=Count("board_posts", filter=Q(board_posts__status=PostStatus.OPEN))
    ).order_by("name")
    return render(request, "board/index.html", {"districts": districts})


@require_GET
def district_board(request, slug):
    require(request.user, Action.READ)
    district = _district(slug)
    qs = BoardPost.objects.in_district(district).public().for_board()
    kind = KIND_PARAM.get(request.GET.get("soort", ""))
    if kind:
        qs = qs.of_kind(kind)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "board/district.html",
        {
            "district": district,
            "page": page,
            "kind": request.GET.get("soort", "") if kind else "",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def create(request, slug):
    district = _district(slug)
    require(request.user, Action.WRITE, district)
    kind = KIND_PARAM.get(request.GET.get("soort", ""), PostKind.ASK)
    form = PostForm(_data(request), initial={"kind": kind, "author_name": _chosen_name(request.user)})
    status = 200
    if request.method == "POST" and form.is_valid():
        checks, wait = _throttled(request, "post")
        if wait:
            form.add_error(None, _wait_message(wait))
            status = 429
        else:
            try:
                post = services.board_post_create(actor=request.user, district=district, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                throttle_record(checks=checks)
                messages.success(request, _("Uw bericht staat op het prikbord."))
                return redirect(post.url)
    response = render(request, "board/create.html", {"form": form, "district": district}, status=status)
    if status == 429:
        response["Retry-After"] = str(wait)
    return response


def _post(public_id) -> BoardPost:
    return get_object_or_404(BoardPost.objects.select_related("district", "help_request"), public_id=public_id)


@require_GET
def post_detail(request, public_id):
    post = _post(public_id)
    user = request.user
    require(user, Action.READ, post)
    replies = list(visible_to(user, post.replies.select_related("post"), Action.READ_REPLY))
    moderates = can(user, Action.MODERATE, post)
    context = {
        "post": post,
        "replies": replies,
        "may_reply": can(user, Action.REPLY, post),
        "reply_form": ReplyForm(initial={"author_name": _chosen_name(user)}) if user.is_authenticated else None,
        "moves": [
            (move, label)
            for move, label in move_buttons(post, user, MoveLabel.LABELS)
            if move.target != PostStatus.HANDED_OVER  # its own page: the help request's form
        ],
        "moderates": moderates,
        "may_hand_over": can(user, Action.HAND_OVER, post),
        "is_author": user.is_authenticated and post.author_id == user.pk,
        "history": history(post) if moderates else [],
    }
    return render(request, "board/post.html", context)


@login_required
@require_POST
def reply(request, public_id):
    post = _post(public_id)
    require(request.user, Action.READ, post)
    require(request.user, Action.REPLY, post)
    form = ReplyForm(request.POST)
    checks, wait = _throttled(request, "reply")
    if wait:
        messages.error(request, _wait_message(wait))
    elif not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    else:
        try:
            services.board_reply_create(post=post, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            throttle_record(checks=checks)
            messages.success(request, _("Uw reactie is geplaatst."))
    return redirect(f"{post.url}#reacties")


@login_required
@require_POST
def transition(request, public_id):
    post = _post(public_id)
    require(request.user, Action.READ, post)
    moves = {
        PostStatus.SOLVED: lambda obj, user, reason: services.board_post_solve(post=obj, actor=user, reason=reason),
        PostStatus.OPEN: lambda obj, user, reason: services.board_post_reopen(post=obj, actor=user, reason=reason),
        PostStatus.HIDDEN: lambda obj, user, reason: services.board_post_hide(post=obj, actor=user, reason=reason),
    }
    return post_move(request, post, moves, success=_("Het bericht is nu: %(status)s."), redirect_to=post.url)


@login_required
@require_POST
def reply_hide(request, public_id):
    reply = get_object_or_404(BoardReply.objects.select_related("post"), public_id=public_id)
    require(request.user, Action.MODERATE, reply.post)
    form = HideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Schrijf op waarom u de reactie verbergt."))
    else:
        try:
            services.board_reply_hide(reply=reply, actor=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("De reactie is verborgen."))
    return redirect(f"{reply.post.url}#reacties")


@login_required
@require_http_methods(["GET", "POST"])
def hand_over(request, public_id):
    """An open ask becomes a help request (support's service writes it); the professional called the resident."""
    post = _post(public_id)
    require(request.user, Action.HAND_OVER, post)
    neighbourhoods = list(post.district.neighbourhoods.order_by("name"))
    initial = {"contact_name": post.author_name, "what": "\n".join(filter(None, [post.title, post.body]))}
    form = HandOverForm(_data(request), initial=initial, neighbourhoods=neighbourhoods)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            help_request = services.board_post_hand_over(
                post=post, actor=request.user, neighbourhood=data.pop("neighbourhood"), **data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De vraag is nu een hulpvraag. U bent de eigenaar."))
            return redirect(help_request.url)
    return render(request, "board/hand_over.html", {"form": form, "post": post})


@login_required
@require_GET
def mine(request):
    require(request.user, Action.MINE)
    posts = list(
        BoardPost.objects.by_author(request.user).select_related("district").for_board().order_by("-created_at")
    )
    return render(request, "board/mine.html", {"posts": posts})


@login_required
@require_GET
def moderation(request):
    """The posts of the professional's districts, hidden ones too; newest first."""
    require(request.user, Action.MODERATE)
    qs = visible_to(request.user, BoardPost.objects.select_related("district").for_board(), Action.MODERATE)
    status = request.GET.get("status", "")
    if status in PostStatus.values:
        qs = qs.filter(status=status)
    else:
        status = ""
    page = Paginator(qs.order_by("-created_at", "-pk"), PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(request, "board/moderation.html", {"page": page, "status": status, "statuses": PostStatus.choices})
