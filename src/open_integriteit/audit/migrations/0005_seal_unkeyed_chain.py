"""The transition to the keyed chain (ADR 0005).

An installation that already has events (hashed with plain SHA-256, ``key_id`` empty) gets
one keyed event, ``audit.chain_keyed``, that links to the last unkeyed one and records how
many there are, and a chain head signed with the audit key. From then on every event is
keyed; ``verify_audit`` accepts unkeyed events only before the first keyed one, and the
signed head stops anyone without the key from rewriting the unkeyed part.

This needs OI_AUDIT_KEY, like the application itself.
"""

import datetime as dt

from django.db import migrations

from open_integriteit.audit import chain


def seal(apps, schema_editor):
    AuditEvent = apps.get_model("audit", "AuditEvent")
    ChainHead = apps.get_model("audit", "ChainHead")
    head = ChainHead.objects.filter(pk=1).first()
    if head is None or head.mac:
        return  # a fresh installation, or already keyed
    key_id, _key = chain.active_key()
    if head.last_sequence:
        event = AuditEvent(
            sequence=head.last_sequence + 1,
            timestamp=dt.datetime.now(tz=dt.UTC),
            organisation_id=None,
            actor_id=None,
            actor_label="",
            channel="system",
            action="audit.chain_keyed",
            object_type="",
            object_id="",
            ip_address=None,
            details={"unkeyed_events": head.last_sequence},
            prev_hash=head.last_hash,
            key_id=key_id,
        )
        event.hash = chain.event_hash(chain.event_fields(event), key_id=key_id)
        event.save()
        head.last_sequence, head.last_hash = event.sequence, event.hash
    head.key_id = key_id
    head.mac = chain.head_mac(key_id=key_id, sequence=head.last_sequence, last_hash=head.last_hash)
    head.save()


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_refuse_delete_and_truncate")]

    operations = [migrations.RunPython(seal, migrations.RunPython.noop)]
