"""Validates every example of an OpenAPI document against its own schema.

Usage: python openapi_examples.py OPENAPI_JSON

Request examples are checked against the request body schema, response
examples against the 200 response schema, and schema-level (field) examples
against the schema they sit in. 3.1 documents use JSON Schema draft 2020-12
(jsonschema); 3.0 documents the OpenAPI 3.0 dialect (openapi-schema-validator).
Prints one line per failure and a final JSON summary {"checked": N, "failed": M}.
"""

import json
import sys

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match
from openapi_schema_validator import OAS30Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

URI = "urn:bizgen:openapi"


def pointer(*parts):
    return "#/" + "/".join(str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def field_examples(node, path):
    """(pointer parts, example) of every schema-level example below node."""
    if isinstance(node, dict):
        props = node.get("properties")
        if isinstance(props, dict):
            for name, prop in props.items():
                where = path + ["properties", name]
                if isinstance(prop, dict):
                    for ex in prop.get("examples", []):
                        yield where, ex
                    if "example" in prop:
                        yield where, prop["example"]
                yield from field_examples(prop, where)
        for key, value in node.items():
            # Media-type examples are checked by main(); properties just above.
            if key not in ("properties", "examples", "example"):
                yield from field_examples(value, path + [key])
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from field_examples(value, path + [i])


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        doc = json.load(f)
    v31 = doc["openapi"].startswith("3.1")
    registry = Registry().with_resource(URI, Resource(contents=doc, specification=DRAFT202012))
    cls = Draft202012Validator if v31 else OAS30Validator
    checked = failed = 0

    def check(where, value):
        nonlocal checked, failed
        checked += 1
        validator = cls({"$ref": URI + where}, registry=registry, format_checker=cls.FORMAT_CHECKER)
        error = best_match(validator.iter_errors(value))
        if error is not None:
            failed += 1
            # Under oneOf, the deepest reason says more than "not valid under any".
            while error.context:
                error = best_match(error.context)
            print(f"{where}: {error.message[:300]} at {list(error.absolute_path)}")

    for path, item in doc["paths"].items():
        op = item["post"]
        media = op["requestBody"]["content"]["application/json"]
        for name, ex in media.get("examples", {}).items():
            check(pointer("paths", path, "post", "requestBody", "content", "application/json", "schema"), ex["value"])
        for status, resp in op["responses"].items():
            media = resp["content"]["application/json"]
            for name, ex in media.get("examples", {}).items():
                check(pointer("paths", path, "post", "responses", status, "content", "application/json", "schema"), ex["value"])
    for where, ex in field_examples(doc, []):
        check(pointer(*where), ex)
    print(json.dumps({"checked": checked, "failed": failed}))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
