// A fresh trace id for every request: sent in the `trace` header, and the
// test script of each request checks that the envelope echoes it.
{% raw %}pm.variables.set("trace", "pm-" + pm.variables.replaceIn("{{$guid}}"));{% endraw %}
