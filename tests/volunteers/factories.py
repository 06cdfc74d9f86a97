"""Factories for volunteer teams, volunteers and memberships.

- ``TeamFactory(area=town, leader=user)``: a team of an area (a new area chain by default).
- ``VolunteerFactory(user=user, areas=[town], teams=[team])``: `teams` adds memberships.
- ``MembershipFactory(team=team, volunteer=volunteer, role="member")``.
"""

import factory

from tests.cases.factories import AreaFactory
from volunteers.models import Membership, Skill, Team, Volunteer


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    name = factory.Sequence(lambda n: f"测试志愿服务队{n}")
    kind = Team.Kind.VILLAGE
    area = factory.SubFactory(AreaFactory)
    leader = None
    capacity = 5
    active = True


class VolunteerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Volunteer
        skip_postgeneration_save = True

    user = None
    name = factory.Sequence(lambda n: f"志愿者{n}")
    phone = factory.Sequence(lambda n: f"139{n % 10**8:08d}")
    skills = factory.LazyFunction(lambda: [Skill.FARMING.value, Skill.REPAIRS.value])

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.areas.set(extracted)

    @factory.post_generation
    def teams(self, create, extracted, **kwargs):
        for team in extracted or ():
            Membership.objects.create(team=team, volunteer=self)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    team = factory.SubFactory(TeamFactory)
    volunteer = factory.SubFactory(VolunteerFactory)
    role = Membership.Role.MEMBER
