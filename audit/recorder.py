"""The generic mechanism: pre_save reads the row as stored, post_save/post_delete write an AuditEntry with the
changed fields, in the same transaction as the write (a rolled-back write leaves no entry).

Audited: every model of the apps in AUDITED_APPS (all domain data), plus the user model, except EXCLUDED models
(logs and machinery). QuerySet.update/bulk_create bypass model signals: a bulk writer of a user's own data records
its entries itself (record_many, one INSERT: an import's staff and roles); otherwise the services use
them only for machine-generated rows (push items, delivery state, job runs), never for a user's edit.

Identity numbers are stored masked; passwords never (only "changed").
"""
import datetime as dt
import decimal
import uuid

from django.conf import settings
from django.db.models import Model
from django.db.models.signals import post_delete, post_save, pre_save

from . import context

AUDITED_APPS = {"cases", "sanctions", "pushes", "documents", "stats"}
EXCLUDED = {"cases.jobrun", "cases.caseevent"}  # job runs are a log; the timeline is itself a record of who did what
MASKED_FIELDS = {"id_number", "credit_code", "identity_number"}
SECRET_FIELDS = {"password"}
IGNORED_FIELDS = {"updated_at", "last_login", "created_at"}

_BEFORE = "_audit_before"


def is_audited(model) -> bool:
    meta = model._meta
    label = meta.label_lower
    if meta.abstract or meta.proxy or label in EXCLUDED:
        return False
    return meta.app_label in AUDITED_APPS or label == settings.AUTH_USER_MODEL.lower()


def _json(value):
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [_json(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _json(v) for k, v in value.items()}
    if hasattr(value, "name") and hasattr(value, "url"):  # a FieldFile
        return value.name or None
    return str(value)


def _shown(name, value):
    if value in (None, ""):
        return value
    if name in SECRET_FIELDS:
        return "******"
    if name in MASKED_FIELDS:
        from cases.identity import mask_id_number

        return mask_id_number(str(value))
    return _json(value)


def _fields(model, update_fields=None):
    fields = [f for f in model._meta.concrete_fields if f.name not in IGNORED_FIELDS]
    if update_fields:
        fields = [f for f in fields if f.name in update_fields or f.attname in update_fields]
    return fields


def _snapshot(instance, fields) -> dict:
    return {f.attname: getattr(instance, f.attname) for f in fields}


def on_pre_save(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or not is_audited(sender) or _is_suppressed():
        return
    if instance._state.adding or instance.pk is None:
        setattr(instance, _BEFORE, None)
        return
    fields = _fields(sender, update_fields)
    stored = sender._base_manager.using(kwargs.get("using") or "default").filter(pk=instance.pk).values(
        *[f.attname for f in fields]).first()
    setattr(instance, _BEFORE, stored)


def on_post_save(sender, instance, created, raw=False, update_fields=None, **kwargs):
    if raw or not is_audited(sender) or _is_suppressed():
        return
    fields = _fields(sender, update_fields)
    after = _snapshot(instance, fields)
    before = getattr(instance, _BEFORE, None)
    if created or before is None:
        changes = {name: [None, _shown(name, value)] for name, value in after.items()
                   if value not in (None, "") and name != "id"}
        action = "create"
    else:
        changes = {name: [_shown(name, before.get(name)), _shown(name, value)] for name, value in after.items()
                   if before.get(name) != value}
        action = "update"
        if not changes:
            return
    _write(sender, instance, action, changes, using=kwargs.get("using"))


def on_post_delete(sender, instance, **kwargs):
    if not is_audited(sender) or _is_suppressed():
        return
    before = _snapshot(instance, _fields(sender))
    changes = {name: [_shown(name, value), None] for name, value in before.items() if value not in (None, "")}
    _write(sender, instance, "delete", changes, using=kwargs.get("using"))


def _is_suppressed() -> bool:
    actor = context.current()
    return actor is not None and actor.source == "suppressed"


def case_id_of(instance):
    """The enforcement case a row belongs to, so the case page can list it."""
    meta = instance._meta
    if meta.label_lower == "cases.enforcementcase":
        return instance.pk
    for name in ("case", "enforcement_case"):
        try:
            field = meta.get_field(name)
        except Exception:  # noqa: BLE001 - FieldDoesNotExist
            continue
        if getattr(field, "related_model", None) is not None and \
                field.related_model._meta.label_lower == "cases.enforcementcase":
            return getattr(instance, field.attname)
    return None


def court_id_of(instance):
    if instance._meta.label_lower == "cases.court":
        return instance.pk
    return getattr(instance, "court_id", None)


def _write(sender, instance, action, changes, using=None):
    from django.contrib.contenttypes.models import ContentType

    from .models import AuditEntry

    actor = context.current()
    user = actor.resolve() if actor else None
    request = actor.request if actor else None
    AuditEntry.objects.using(using or "default").create(
        actor_id=getattr(user, "pk", None), actor_name=(getattr(user, "get_username", lambda: "")() if user else ""),
        source=(actor.source if actor else "system"), action=action,
        content_type=ContentType.objects.db_manager(using or "default").get_for_model(sender),
        object_id=str(instance.pk), object_repr=_repr(instance), court_id=court_id_of(instance),
        case_id=case_id_of(instance), changes=changes,
        path=(getattr(request, "path", "") or "")[:255],
    )


def record_many(sender, rows, *, using=None) -> int:
    """Entries for writes made in bulk (bulk_create / bulk_update bypass the signals): `rows` are (instance, action,
    {field: [before, after]}), attributed to the current actor like a save. One INSERT for the lot. For bulk writers
    of a user's own data (an import's staff and roles), not for machine-generated rows."""
    from django.contrib.contenttypes.models import ContentType

    from .models import AuditEntry

    if _is_suppressed():
        return 0
    actor = context.current()
    user = actor.resolve() if actor else None
    request = actor.request if actor else None
    content_type = ContentType.objects.db_manager(using or "default").get_for_model(sender)
    entries = [AuditEntry(
        actor_id=getattr(user, "pk", None), actor_name=(user.get_username() if user else ""),
        source=(actor.source if actor else "system"), action=action, content_type=content_type,
        object_id=str(instance.pk), object_repr=_repr(instance), court_id=court_id_of(instance),
        case_id=case_id_of(instance),
        changes={name: [_shown(name, before), _shown(name, after)] for name, (before, after) in changes.items()},
        path=(getattr(request, "path", "") or "")[:255]) for instance, action, changes in rows]
    AuditEntry.objects.using(using or "default").bulk_create(entries, batch_size=500)
    return len(entries)


def _repr(instance) -> str:
    """The row as its model names it; a model without a name of its own (Django's "FundEntry object (2)", English
    on a Chinese page) is its verbose name and number: "执行款台账 #2"."""
    fallback = f"{instance._meta.verbose_name} #{instance.pk}"
    if type(instance).__str__ is Model.__str__:
        return fallback[:255]
    try:
        text = str(instance)
    except Exception:  # noqa: BLE001 - a __str__ that needs a related row that is gone
        text = fallback
    return text[:255]


def connect():
    pre_save.connect(on_pre_save, dispatch_uid="audit_pre_save")
    post_save.connect(on_post_save, dispatch_uid="audit_post_save")
    post_delete.connect(on_post_delete, dispatch_uid="audit_post_delete")
