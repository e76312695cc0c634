from tests.conftest import PERSONAS


def test_every_persona_sees_the_home_page(world, client_for):
    for persona in PERSONAS:
        response = client_for(persona).get("/")
        assert response.status_code == 200, persona
        assert "Randwijck" in response.text
