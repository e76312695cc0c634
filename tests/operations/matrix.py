from tests.matrix import ALL, Entry

MATRIX = {
    "operations:status": Entry(get=ALL, notes="health of the database and the task queue; no personal data"),
}
