from sqlalchemy import inspect


def test_migrations_create_the_schema(raw_engine):
    assert "items" in inspect(raw_engine).get_table_names()


def test_items_round_trip(client):
    assert client.get("/api/items").get_json() == {"items": []}
    created = client.post("/api/items", json={"name": "  first  "})
    assert created.status_code == 201
    item = created.get_json()
    assert item["name"] == "first"
    assert client.get(f"/api/items/{item['id']}").get_json() == item
    assert [i["name"] for i in client.get("/api/items").get_json()["items"]] == ["first"]


def test_invalid_items_are_rejected_with_json(client):
    response = client.post("/api/items", json={"name": ""})
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "bad_request"
    assert "name" in response.get_json()["error"]["message"]


def test_missing_item_is_a_json_404(client):
    response = client.get("/api/items/999")
    assert response.status_code == 404
    assert response.get_json()["error"]["message"] == "item 999 does not exist"
