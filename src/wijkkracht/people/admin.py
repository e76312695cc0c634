from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from wijkkracht.accounts.admin_base import PolicyModelAdmin

from . import services
from .models import Person
from .permissions import Action


@admin.register(Person)
class PersonAdmin(PolicyModelAdmin):
    """Residents' records, for an administrator answering a privacy request (inspection, correction).

    The list shows no personal data (find a resident by their account's exact e-mail address or public id);
    opening a record is audited (people.person_viewed), and a change goes through the service (audited)."""

    view_action = list_action = Action.PERSON_VIEW
    change_action = Action.PERSON_CHANGE
    list_display = ("public_id", "neighbourhood", "has_account", "synthetic")
    list_filter = ("synthetic",)
    search_fields = ("=user__email", "=public_id")
    list_select_related = ("neighbourhood",)
    readonly_fields = ("public_id", "user", "consent_given_at", "synthetic", "created_at")
    fields = (
        "public_id",
        "user",
        *services.ADMIN_FIELDS,
        "consent_given_at",
        "synthetic",
        "created_at",
    )

    @admin.display(boolean=True, description=_("account"))
    def has_account(self, person: Person) -> bool:
        return person.user_id is not None

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            person = self.get_object(request, object_id)
            if person is not None and self.has_view_permission(request, person):
                services.person_view_record(person=person, actor=request.user, purpose="admin")
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        services.person_update(
            person=obj, actor=request.user, data={name: form.cleaned_data[name] for name in services.ADMIN_FIELDS}
        )
