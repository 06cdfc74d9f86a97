"""Bare viewflow flows: a code start and N human steps in a row, nothing else.

The same number of human steps as the project's flows (the happy path of each kind), the
same lock (select_for_update) and the same Process/Task tables, with viewflow's own
update view and no permission, scoping, deadline or business code.
"""

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
