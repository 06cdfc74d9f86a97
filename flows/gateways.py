"""Gateways and the one-on-one visit timer, without viewflow's savepoints on a person's step.

Viewflow evaluates a gateway's condition (and a timer's delay) inside a savepoint so that,
when it fails in the background (the timer dispatcher runs with propagate_exception off),
the task is kept in ERROR. When a person's step moves the flow on, an error propagates and
the whole transaction rolls back, so the savepoint only costs two statements; the
conditions are questions (no writes) either way. In the background, viewflow's way stays.
"""

from viewflow.workflow import flow
from viewflow.workflow.activation import Activation
from viewflow.workflow.context import context
from viewflow.workflow.exceptions import FlowRuntimeError
from viewflow.workflow.nodes.if_gate import IfActivation
from viewflow.workflow.nodes.switch import SwitchActivation
from viewflow.workflow.status import STATUS

from .nodes import due_at


class _IfActivation(IfActivation):
    @Activation.status.super()
    def activate(self):
        if not context.propagate_exception:
            return super().activate.original()
        self._condition_result = self.flow_task._condition(self)


class If(flow.If):
    activation_class = _IfActivation


class _SwitchActivation(SwitchActivation):
    @Activation.status.super()
    def activate(self):
        if not context.propagate_exception:
            return super().activate.original()
        for node, condition in self.flow_task._branches:
            if condition is None or condition(self):
                self.next_task = node
                return
        raise FlowRuntimeError(f"No next task available for {self.flow_task.name}")


class Switch(flow.Switch):
    activation_class = _SwitchActivation


class Timer(flow.Timer):
    """A timer written once, already scheduled: its due moment is computed before the task
    is inserted (viewflow inserts it, then computes and updates it in a savepoint)."""

    def _create(self, prev_activation, token, data=None, seed=None):
        if not context.propagate_exception or self._boundary_events:
            return super()._create(prev_activation, token, data=data, seed=seed)
        task = self.flow_class.task_class(
            process=prev_activation.process, flow_task=self, token=token, data=data or {}
        )
        task.seed = seed
        activation = self.activation_class(task)
        task.status, task.scheduled = STATUS.SCHEDULED, due_at(self._delay, activation)
        task.save()
        task.previous.add(prev_activation.task)
        return activation
