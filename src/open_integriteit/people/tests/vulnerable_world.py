"""What the need-to-know test needs behind the URLs of the vulnerable posts (made through the
services, on the world of ``access/tests/world.py``): rita, the register clerk, assessed the
post "Vergunningverlener" (VTH, in dave's units) above the threshold, and added a question of
the organisation's own."""

from __future__ import annotations

from typing import Any

from open_integriteit.people import vulnerable
from open_integriteit.people.models import FixedQuestion, Post, VulnerabilityQuestion, VulnerablePostList

OWN_QUESTION = "Does the post decide on the use of the organisation's vehicles?"
ALL_YES = dict.fromkeys(FixedQuestion.values, True)


def checklist_data(answer: str = "yes") -> dict[str, str]:
    return {f"q_{code}": answer for code in FixedQuestion.values} | {"override": "", "override_reason": ""}


def assessed(w: Any) -> None:
    post = Post.objects.get(organisation=w.org, unit__code="VTH", title="Vergunningverlener")
    vulnerable.post_assess(post=post, answers=ALL_YES, override="", override_reason="", by=w.people["rita"])


def own_question(w: Any) -> None:
    vulnerable.question_add(organisation=w.org, text=OWN_QUESTION, weight=2, by=w.people["rita"])


def own_question_pk(w: Any) -> list[int]:
    return [VulnerabilityQuestion.objects.get(organisation=w.org, text=OWN_QUESTION).pk]


def adopted(w: Any) -> None:
    assessed(w)
    vulnerable.list_adopt(
        organisation=w.org,
        adopted_on=vulnerable.timezone.localdate(),
        decision_reference="B&W 2026/001",
        financial_interest_duty=[],
        by=w.people["rita"],
    )


def adopted_pk(w: Any) -> list[int]:
    return [VulnerablePostList.objects.get(organisation=w.org).pk]


def settings_data() -> dict[str, str]:
    return {"threshold": "4"} | {f"w_{code}": "3" for code in FixedQuestion.values}
