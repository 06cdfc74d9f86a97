"""Bare viewflow flows: a code start and N human steps in a row, nothing else.

The same number of human steps as the project's flows (the happy path of each kind), the
same lock (select_for_update) and the same Process/Task tables, with viewflow's own
update view and no permission, scoping, deadline or business code. Beside them, two
references: fee relief's graph in viewflow's stock nodes (`FeeReliefGraph`) and a flow whose
inbox and queue are viewflow's own pages (`PageFlow`).
"""

from datetime import timedelta

from viewflow import this
from viewflow.workflow import flow, lock
from viewflow.workflow.flow.views import UpdateProcessView
from viewflow.workflow.models import Process


def _bare_flow(name, steps):
    names = [f"step{i}" for i in range(1, steps + 1)]
    attrs = {
        "__module__": __name__,
        "__qualname__": name,
        "process_class": Process,
        "lock_impl": lock.select_for_update_lock,
        "start": flow.StartHandle().Next(getattr(this, names[0])),
        "end": flow.End(),
    }
    for index, node in enumerate(names):
        after = getattr(this, names[index + 1]) if index + 1 < steps else this.end
        attrs[node] = flow.View(UpdateProcessView.as_view(fields=[])).Next(after)
    return type(name, (flow.Flow,), attrs)


# Human steps of the happy path: fee relief 9, one-on-one 7, farming help 7 (+1 with a
# second-level sign-off).
BareFlow7 = _bare_flow("BareFlow7", 7)
BareFlow9 = _bare_flow("BareFlow9", 9)
FLOWS = {7: BareFlow7, 9: BareFlow9}
# Viewflow's own inbox and queue pages (page benchmark's floor): a flow of its own, mounted
# only in the Material site of urls.py, so the lifecycle flows keep their URLs.
PageFlow = _bare_flow("PageFlow", 9)


def _view():
    return flow.View(UpdateProcessView.as_view(fields=[]))


def _deadlines(node, *delays):
    """Non-interrupting timers on a step, as the project's reminders and escalations."""
    for days in delays:
        node = node.OnTimeout(timedelta(days=days), this.remind, interrupting=False)
    return node


def _no(activation):
    return False


def _yes(activation):
    return True


class FeeReliefGraph(flow.Flow):
    """The fee-relief flow's happy path as the project draws it, in viewflow's stock nodes and
    nothing else: the same nine human steps as BareFlow9, plus the gateways after the
    sign-off and the offer and the deadline timers on the steps that have them. What the
    graph alone costs viewflow, compared with the nine steps in a row."""

    process_class = Process
    lock_impl = lock.select_for_update_lock

    start = flow.StartHandle().Next(this.verify)
    verify = _deadlines(_view(), 5, 10).Next(this.sign_off)
    sign_off = _deadlines(_view(), 3, 6).Next(this.after_sign_off)
    after_sign_off = flow.Switch().Case(this.end, _no).Case(this.verify, _no).Default(this.dispatch)
    dispatch = _view().Next(this.accept)
    accept = (
        _deadlines(_view(), 2)
        .OnTimeout(timedelta(days=3), this.dispatch, title="Offer expires")
        .Next(this.after_accept)
    )
    after_accept = flow.If(_yes).Then(this.deliver).Else(this.dispatch)
    deliver = _view().Next(this.file_with_court)
    file_with_court = _view().Next(this.court_decision)
    court_decision = _view().Next(this.follow_up)
    follow_up = _deadlines(_view(), 30).Next(this.close)
    close = _view().Next(this.end)
    remind = flow.Function(this.noop).Next(this.reminded)
    reminded = flow.End()
    end = flow.End()

    def noop(self, activation):
        pass
