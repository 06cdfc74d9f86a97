"""Suggesting teams for a request: nearness, skills, remaining capacity, with the reasons.

A plain function over plain values, so the ranking is tested without a database; the
selector `volunteers.selectors.team_candidates` gathers the values.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

# Nearness tiers, best first.
SAME_VILLAGE, SAME_TOWN, SAME_COUNTY, FARTHER = range(4)


@dataclass(frozen=True)
class Candidate:
    team_id: int
    name: str
    area_path: str  # "/county/town/village/" or "/county/town/"
    area_name: str
    capacity: int
    load: int  # offers and open assignments whose window overlaps the request's
    members: int
    skilled: int  # members with one of the skills the request needs
    declined: str = ""  # why this team already said no to this request ("" if it did not)


@dataclass
class Ranked:
    candidate: Candidate
    rank: int = 0
    nearness: int = FARTHER
    remaining: int = 0
    reasons: list = field(default_factory=list)

    @property
    def team_id(self):
        return self.candidate.team_id


def _codes(path):
    return [code for code in path.strip("/").split("/") if code]


def nearness(request_path, team_path):
    """How close a team's area is to the household's: same village, town, county, farther.

    A team of a town serves its villages, so a town team counts as "same town"; a team of the
    household's own village (or of an area below it) is "same village".
    """
    request_codes, team_codes = _codes(request_path), _codes(team_path)
    if len(request_codes) >= 3 and team_codes[:3] == request_codes[:3]:
        return SAME_VILLAGE
    if len(request_codes) >= 2 and team_codes[:2] == request_codes[:2]:
        return SAME_TOWN
    if team_codes[:1] == request_codes[:1]:
        return SAME_COUNTY
    return FARTHER


def _reasons(candidate, tier, remaining, skills_label):
    reasons = [
        {
            SAME_VILLAGE: _("same village (%(area)s)"),
            SAME_TOWN: _("same town (%(area)s)"),
            SAME_COUNTY: _("same county (%(area)s)"),
            FARTHER: _("another county (%(area)s)"),
        }[tier]
        % {"area": candidate.area_name}
    ]
    if skills_label:
        reasons.append(
            _("%(skilled)s of %(members)s members do %(skills)s")
            % {"skilled": candidate.skilled, "members": candidate.members, "skills": skills_label}
        )
    else:
        reasons.append(_("%(members)s members") % {"members": candidate.members})
    if remaining > 0:
        reasons.append(
            _("capacity %(capacity)s, %(load)s taken in this window, %(remaining)s free")
            % {"capacity": candidate.capacity, "load": candidate.load, "remaining": remaining}
        )
    else:
        reasons.append(
            _("full: %(load)s of %(capacity)s taken in this window")
            % {"capacity": candidate.capacity, "load": candidate.load}
        )
    if candidate.declined:
        reasons.append(_("already said no: %(reason)s") % {"reason": candidate.declined})
    return reasons


def rank(request_path, candidates, *, skills_label=""):
    """Order candidates for a request in `request_path`, best first, each with reasons.

    Order: teams that can take it (free capacity, did not already say no) before the rest;
    then nearness; then the number of members with the needed skills; then free capacity;
    then the name, so equal teams keep a stable order.
    """
    ranked = []
    for candidate in candidates:
        tier = nearness(request_path, candidate.area_path)
        remaining = max(candidate.capacity - candidate.load, 0)
        ranked.append(
            Ranked(
                candidate=candidate,
                nearness=tier,
                remaining=remaining,
                reasons=_reasons(candidate, tier, remaining, skills_label),
            )
        )
    ranked.sort(
        key=lambda r: (
            r.remaining == 0 or bool(r.candidate.declined),
            r.nearness,
            -r.candidate.skilled,
            -r.remaining,
            r.candidate.name,
            r.candidate.team_id,
        )
    )
    for index, entry in enumerate(ranked, start=1):
        entry.rank = index
    return ranked
