"""Who held an office when: the date-scoped roles of the knowledge base, indexed."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from marsad.kb.loader import KnowledgeBase
from marsad.values.partial_date import overlaps


@dataclass(frozen=True, slots=True)
class Tenure:
    person_id: str
    start: str
    end: str


class RoleIndex:
    def __init__(self, kb: KnowledgeBase) -> None:
        tenures: dict[tuple[str, str], list[Tenure]] = defaultdict(list)
        for person in kb.of_type("person"):
            for role in person.roles:
                tenures[(role.office, role.state or role.org)].append(Tenure(person.id, role.start, role.end))
        self._tenures = {key: tuple(sorted(value, key=lambda t: t.start)) for key, value in tenures.items()}

    def holders(self, office: str, where: str) -> tuple[Tenure, ...]:
        """Everyone who ever held ``office`` in ``where`` (a state or organization id)."""
        return self._tenures.get((office, where), ())

    def holder_at(self, office: str, where: str, when: str) -> str:
        """The person holding the office at ``when`` (a partial date), or ``""`` if unknown or unclear.

        A partial date covers a period: «2019» matches both Nazarbayev (until March) and
        Tokayev, so a year that spans a handover resolves to nobody rather than a guess.
        """
        if not when:
            return ""
        found = {t.person_id for t in self.holders(office, where) if overlaps(t.start, t.end, when, when)}
        return found.pop() if len(found) == 1 else ""
