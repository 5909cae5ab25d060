import pytest

pytestmark = pytest.mark.django_db


def test_home_page_serves_in_every_language(client, translated_home):
    for code, page in translated_home.items():
        response = client.get(f"/{code}/")
        assert response.status_code == 200
        assert page.title in response.content.decode()


def test_root_redirects_to_a_language_prefix(client, home_page):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/en/"
