from tests.matrix import ADMINISTRATORS, ALL, Entry
from wijkkracht.operations.permissions import Action

MATRIX = {
    "operations:status": Entry(get=ALL, notes="health of the database and the task queue; no personal data"),
    "admin:background_queuedtask_changelist": Entry(get=ADMINISTRATORS, actions=(Action.QUEUE_VIEW,)),
    "admin:background_periodicrun_changelist": Entry(get=ADMINISTRATORS, actions=(Action.QUEUE_VIEW,)),
}
