// Checks the envelope of {{ biz_type }}.
const envelope = pm.response.json();

pm.test("envelope ok === true", function () {
    pm.expect(envelope.ok, envelope.code + ": " + envelope.msg).to.equal(true);
});

pm.test("trace echoes the request's trace", function () {
    pm.expect(envelope.trace).to.equal(pm.variables.get("trace"));
});
{%- if let Some(var) = token_var %}

// Later requests send this token, as the platform's docs chain
// LoginResult.data.token.
pm.test("stores data.token as {{ var }}", function () {
    pm.expect(envelope.data.token).to.be.a("string").and.not.empty;
    pm.environment.set("{{ var }}", envelope.data.token);
    pm.collectionVariables.set("{{ var }}", envelope.data.token);
});
{%- endif %}
