//! The rules in Chinese: a short label per rule id, for the Chinese edition
//! of the changelogs (the entry names the operation or type and the path;
//! the label says what happened to it). Terms follow the docs' glossary
//! (`codegen/src/docs/lang/glossary.zh.yaml`).

/// The Chinese label of a rule id, `None` for an unknown id.
pub fn label_zh(id: &str) -> Option<&'static str> {
    Some(match id {
        "operation-removed" => "移除了接口（未先标记为已废弃）",
        "operation-added" => "新增接口",
        "operation-renamed" => "接口改名（路径不变，SDK 中的方法名随之改变）",
        "service-renamed" => "服务改名（路径不变，SDK 中的模块名和类型名随之改变）",
        "path-changed" => "接口路径变更",
        "access-tightened" => "访问级别收紧（需要更高权限的 token）",
        "access-loosened" => "访问级别放宽（请复核现在谁能调用）",
        "version-changed" => "`version` 请求头的取值变更",
        "header-required-added" => "请求头变为必填",
        "header-added" => "新增可选请求头",
        "header-relaxed" => "请求头不再必填或不再接收",
        "error-code-added" => "新增文档记载的错误码",
        "error-code-removed" => "不再记载该错误码",
        "request-field-added-required" => "新增必填请求字段",
        "request-field-added" => "新增可选请求字段",
        "request-field-removed" => "移除请求字段（仍发送它的客户端可能被拒绝）",
        "request-field-renamed" => "请求字段疑似改名（旧客户端的取值会被静默丢弃）",
        "request-field-became-required" => "请求字段由可选变为必填",
        "request-field-became-optional" => "请求字段由必填变为可选",
        "request-field-became-non-nullable" => "请求字段不再接受 null",
        "request-field-became-nullable" => "请求字段现在接受 null",
        "request-constraint-narrowed" => "请求字段的约束收紧",
        "request-constraint-relaxed" => "请求字段的约束放宽或移除",
        "request-default-changed" => "请求字段的默认值变更（省略该字段时服务端行为不同）",
        "request-enum-value-removed" => "请求所用枚举移除了取值",
        "request-enum-value-added" => "请求所用枚举新增取值",
        "request-required-when-added" => "请求字段变为条件必填（`requiredWhen`）",
        "request-required-when-changed" => "请求字段的条件必填条件（`requiredWhen`）变更",
        "request-required-when-removed" => "请求字段不再条件必填（`requiredWhen`）",
        "response-field-removed" => "移除响应字段（未先标记为已废弃）",
        "response-field-added" => "新增响应字段",
        "response-field-became-optional" => "响应字段可能缺失",
        "response-field-became-required" => "响应字段总会返回",
        "response-field-became-nullable" => "响应字段可能为 null",
        "response-field-became-non-nullable" => "响应字段不再为 null",
        "response-constraint-relaxed" => "响应字段的约束放宽",
        "response-constraint-narrowed" => "响应字段的约束收紧",
        "response-enum-value-added" => "响应所用枚举新增取值",
        "extensible-enum-value-added" => "可扩展枚举新增取值",
        "response-enum-value-removed" => "响应所用枚举移除了取值",
        "response-type-changed" => "响应数据的类型变更",
        "response-type-changed-sdk" => "响应数据在 SDK 中的类型变更（线上协议不变）",
        "response-became-nullable" => "响应数据可能为 null",
        "response-became-non-nullable" => "响应数据不再为 null",
        "field-type-changed" => "字段类型变更",
        "field-type-changed-sdk" => "字段在 SDK 中的类型变更（线上协议不变）",
        "field-no-longer-sensitive" => "字段不再标记为敏感",
        "field-became-sensitive" => "字段标记为敏感",
        "type-renamed" => "类型改名（SDK 中的类型名随之改变）",
        "enum-renamed" => "枚举改名（SDK 中的类型名随之改变）",
        "enum-type-changed" => "枚举的取值类型变更",
        "enum-value-renamed" => "枚举取值改名（SDK 中的常量名随之改变）",
        "enum-value-code-changed" => "枚举取值的代码变更",
        "envelope-success-code-changed" => "响应信封的成功码变更",
        "operation-deprecated" => "接口标记为已废弃",
        "read-only-changed" => "接口的只读标记变更",
        "pagination-added" => "接口支持分页",
        "pagination-removed" => "接口不再分页",
        "pagination-changed" => "接口的分页方式变更",
        "field-deprecated" => "字段标记为已废弃",
        "enum-value-deprecated" => "枚举取值标记为已废弃",
        "deprecated-removed" => "移除了已废弃的内容",
        "removed-after-sunset" => "在停用日期之后移除",
        "reserved-reused" => "复用了已保留的名称或代码",
        "docs-changed" => "文档说明变更",
        "assumed-changed" => "推定的约束变更",
        "notes-changed" => "维护说明变更",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::label_zh;
    use crate::diff::RULES;

    #[test]
    fn every_rule_has_a_chinese_label() {
        let missing: Vec<&str> = RULES
            .iter()
            .map(|r| r.id)
            .filter(|id| label_zh(id).is_none())
            .collect();
        assert!(
            missing.is_empty(),
            "rules without a Chinese label: {missing:?}"
        );
    }
}
