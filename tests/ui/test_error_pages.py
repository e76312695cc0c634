from django.test import Client, override_settings


def test_404_is_styled_in_dutch_and_has_a_way_back(world):
    response = Client().get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.text
    assert 'href="/"' in response.text
    assert 'class="skip-link"' in response.text


def test_404_in_english_when_the_visitor_chose_english(world):
    client = Client()
    client.cookies["django_language"] = "en"
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert '<html lang="en">' in response.text


@override_settings(ROOT_URLCONF="tests.ui.urls_boom", DEBUG=False)
def test_500_shows_no_stack_trace_and_says_nothing_changed(world):
    response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    assert "Er ging iets mis" in response.text
    assert "Er is niets veranderd" in response.text
    assert "secret stack detail" not in response.text
    assert "Traceback" not in response.text


def test_403_is_styled(world, client_for):
    response = client_for("resident").get("/organisaties/werkplek/")
    assert response.status_code == 403
    assert "Geen toegang" in response.text


def test_the_floor_view_answers_ok():
    response = Client().get("/gezond/")
    assert response.status_code == 200
    assert response.content == b"ok"
