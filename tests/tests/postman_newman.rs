//! The Postman export run by newman against the generated mock on loopback:
//! every request gets `ok: true`, every test script passes, and the token
//! that `login` stores is the one later requests use.

mod common;

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn newman_runs_the_collection_against_the_mock() {
    let api = common::api();
    let addr = common::start_mock().await;
    let postman = common::repo_root().join("generated/postman");
    let report = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("newman-report.json");
    let _ = std::fs::remove_file(&report);
    let mut command = Command::new(common::tool("npm:newman"));
    command
        .arg("run")
        .arg(postman.join("customer-api.postman_collection.json"))
        .arg("--environment")
        .arg(postman.join("customer-api.postman_environment.json"))
        .args(["--env-var", &format!("baseUrl=http://{addr}")])
        // No valid C-side token up front: calls that need one only pass with
        // the token that login stores.
        .args(["--env-var", "token=not-a-token"])
        .args(["--env-var", &format!("adminToken={}", common::ADMIN_TOKEN)])
        .args(["--reporters", "cli,json", "--reporter-json-export"])
        .arg(&report)
        .args(["--color", "off"]);
    let output = tokio::task::spawn_blocking(move || command.output())
        .await
        .expect("newman thread")
        .expect("run newman");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "newman failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );

    let report: Value =
        serde_json::from_str(&std::fs::read_to_string(&report).expect("newman report"))
            .expect("JSON report");
    let stats = &report["run"]["stats"];
    let operations = api.operations().count();
    assert_eq!(
        stats["requests"]["total"], operations,
        "one request per operation"
    );
    assert_eq!(stats["requests"]["failed"], 0);
    assert_eq!(stats["assertions"]["failed"], 0, "{stdout}");
    assert_eq!(stats["testScripts"]["failed"], 0, "{stdout}");

    let executions = report["run"]["executions"].as_array().expect("executions");
    assert_eq!(executions.len(), operations);
    let mut assertions = 0;
    for execution in executions {
        let name = execution["item"]["name"].as_str().unwrap_or("?");
        let passed: Vec<&str> = execution["assertions"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter(|x| x.get("error").is_none())
                    .filter_map(|x| x["assertion"].as_str())
                    .collect()
            })
            .unwrap_or_default();
        assertions += passed.len();
        for check in ["envelope ok === true", "trace echoes the request's trace"] {
            assert!(passed.contains(&check), "{name}: `{check}` did not pass");
        }
    }
    let stored = executions
        .iter()
        .filter(|e| {
            e["assertions"].as_array().is_some_and(|a| {
                a.iter()
                    .any(|x| x["assertion"] == "stores data.token as token")
            })
        })
        .count();
    assert_eq!(stored, 1, "login stores the token");
    println!(
        "newman: {} requests, {assertions} assertions passed",
        executions.len()
    );
}
