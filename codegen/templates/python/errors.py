{{ header }}
"""The error codes of the spec, one constant each: compare them with
:attr:`customer_api.ApiError.code`.

.. code-block:: python

    try:
        ...
    except ApiError as e:
        if e.code == errors.BIZGEN_VALIDATION:
            for pointer, reason in e.violations:
                print(pointer, reason)
"""

from __future__ import annotations

from typing import Final
{%- for (name, value, doc) in codes %}

{{ name }}: Final = {{ value }}
{{ doc }}
{%- endfor %}
