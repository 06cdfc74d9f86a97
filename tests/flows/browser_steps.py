"""Walking a case through the task pages in real Chromium: shared by the three flow tests.

Each persona gets one signed-in page; every step finds its task the way a person would (the
queue or the inbox of the flow's app), opens it, fills the plain form and submits it, and a
numbered screenshot is saved after each step: test-output/screenshots/<flow>-NN-<step>.png.
"""

from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from cases.models import AssistanceRequest, CaseEvent
from flows.tasks import open_tasks
from tests.browser import follow, submit

FLOW_URLS = {"fee_waiver": "/feewaiver", "one_on_one": "/oneonone", "farming_help": "/farminghelp"}


def today():
    return timezone.localdate().isoformat()


def fill(page, **values):
    """Fill the plain Django widgets of a task or intake form by field name."""
    for name, value in values.items():
        field = page.locator(f"main [name={name}]").first
        tag = field.evaluate("element => element.tagName + ':' + (element.type || '')")
        if tag.startswith("SELECT"):
            field.select_option(str(value))
        elif tag.endswith(":checkbox"):
            field.set_checked(bool(value))
        else:
            field.fill(str(value))


def events(assistance_request):
    return list(
        CaseEvent.objects.filter(assistance_request=assistance_request)
        .order_by("pk")
        .values_list("kind", flat=True)
    )


def open_task_of(assistance_request):
    return open_tasks(process__assistanceprocess__assistance_request=assistance_request).get()


class CaseWalk:
    """One request of one kind, taken from intake to close by several people."""

    def __init__(self, kind, login_page, screenshot):
        self.kind = kind
        self.flow_url = FLOW_URLS[kind]
        self._login_page = login_page
        self._screenshot = screenshot
        self._pages = {}
        self._shots = 0
        self.assistance_request = None

    def page(self, user):
        if user.pk not in self._pages:
            self._pages[user.pk] = self._login_page(user)
        return self._pages[user.pk]

    def shot(self, page, step):
        self._shots += 1
        self._screenshot(page, f"{self.kind}-{self._shots:02d}-{step}")

    def reload(self):
        self.assistance_request = AssistanceRequest.objects.get(pk=self.assistance_request.pk)
        return self.assistance_request

    # Intake ---------------------------------------------------------------------------

    def register(self, user, beneficiary, **values):
        page = self.page(user)
        page.goto("/casework/assistancerequest/")
        page.locator("main .vf-card__menu-trigger").click()
        follow(page, page.locator(f"main li[data-card-menu-href$='/new/{self.kind}/']"))
        page.wait_for_url(f"**/new/{self.kind}/")
        fill(page, beneficiary=beneficiary.pk, **values)
        self.shot(page, "intake")
        submit(page, page.locator("main form.intake-form button[type=submit]"))
        assert not page.locator("main .errorlist").count(), page.locator("main").inner_text()
        page.wait_for_url("**/detail/")
        self.assistance_request = AssistanceRequest.objects.get(beneficiary=beneficiary)
        assert page.get_by_text(beneficiary.name).count() > 0
        self.shot(page, "registered")
        return self.assistance_request

    # Finding and doing a task -----------------------------------------------------------

    def _row(self, page):
        return page.locator("main table tbody tr", has_text=f"#{self.assistance_request.pk} ")

    def take_from_queue(self, user, step):
        """An unassigned step: the queue, the task, "assign and execute"."""
        page = self.page(user)
        page.goto(f"{self.flow_url}/queue/")
        assert self._row(page).count() == 1, f"{user} does not see the {step} task in the queue"
        follow(page, self._row(page).locator("a").first)
        page.wait_for_url("**/assign/")
        submit(page, page.locator("main button[name=_continue]"))
        page.wait_for_url("**/execute/")
        return page

    def open_from_inbox(self, user, step):
        """A step assigned to `user` by the flow: the inbox, the task."""
        page = self.page(user)
        page.goto(f"{self.flow_url}/inbox/")
        assert self._row(page).count() == 1, f"{user} does not see the {step} task in the inbox"
        follow(page, self._row(page).locator("a").first)
        page.wait_for_url("**/execute/")  # the task's link redirects to its form
        return page

    def do(self, page, step, button=None, **values):
        """Fill the task form, screenshot it, submit it; the step must be done."""
        task = open_task_of(self.assistance_request)
        assert task.flow_task.name == step, (task.flow_task.name, step)
        fill(page, **values)
        self.shot(page, step)
        submit(page, page.locator(button or "main form.task-form button[type=submit]"))
        errors = page.locator("main .errorlist").all_inner_texts()
        assert not errors, errors
        assert Task.objects.get(pk=task.pk).status == STATUS.DONE, f"{step} not done"
        assert page.get_by_text("已完成").count() > 0  # "Done: <step>." in Chinese
        return self.reload()

    def case_page(self, user, step):
        page = self.page(user)
        page.goto(f"/casework/assistancerequest/{self.assistance_request.pk}/detail/")
        self.shot(page, step)
        return page
