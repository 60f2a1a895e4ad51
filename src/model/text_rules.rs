//! The rules of names and descriptions: [`TEXT_PARAMETERS`] has one row per free-text
//! parameter of an action, with today's rule from its API reference page and the error code
//! the page documents. Under the 2020 rules every name follows [`NAME_2020`] and every
//! description [`DESCRIPTION_2020`] (the article-era pages), unless the row says otherwise.
//! Whatever the rule set, a value never starts with `http://` or `https://` and never holds
//! a control or bidirectional-text character. See docs/FIDELITY.md for the sources.

use super::catalog::RuleSet;

/// What a free-text parameter (a name or a description) may hold. Whatever the rule, a
/// value never starts with `http://` or `https://` and never holds a control character
/// or a bidirectional-text control (U+202E and the like, which make `abc\u{202e}exe.txt`
/// display as `abctxt.exe`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TextRule {
    /// The fewest characters.
    pub min: usize,
    /// The most characters.
    pub max: usize,
    /// Whether the first character must be a letter.
    pub starts_with_letter: bool,
    /// The characters allowed besides letters and digits; `None` when any character is.
    pub also: Option<&'static str>,
}

/// Why a value breaks its [`TextRule`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TextProblem {
    /// A bidirectional-text control character (refused whatever the rule set).
    BidiControl(char),
    /// Another control character (a line break, a tab...).
    Control(char),
    /// Too short or too long: the length found, in characters.
    Length(usize),
    /// It starts with `http://` or `https://`.
    HttpPrefix,
    /// The first character is not a letter.
    FirstNotLetter,
    /// A character the rule does not allow.
    Character(char),
}

/// The bidirectional-text controls: they reorder how the text is displayed.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

impl TextRule {
    /// Checks a value against the rule (length in characters, not bytes).
    ///
    /// # Errors
    /// The first [`TextProblem`] found, bidi and control characters first.
    ///
    /// ```
    /// use vpclab::model::catalog::{TextProblem, NAME_2020};
    /// assert_eq!(NAME_2020.check("web-01"), Ok(()));
    /// assert_eq!(NAME_2020.check("1st"), Err(TextProblem::FirstNotLetter));
    /// assert_eq!(NAME_2020.check("abc\u{202e}exe.txt"), Err(TextProblem::BidiControl('\u{202e}')));
    /// ```
    pub fn check(self, value: &str) -> Result<(), TextProblem> {
        if let Some(c) = value.chars().find(|c| is_bidi_control(*c)) {
            return Err(TextProblem::BidiControl(c));
        }
        if let Some(c) = value.chars().find(|c| c.is_control()) {
            return Err(TextProblem::Control(c));
        }
        let length = value.chars().count();
        if length < self.min || length > self.max {
            return Err(TextProblem::Length(length));
        }
        let lower = value.to_ascii_lowercase();
        if lower.starts_with("http://") || lower.starts_with("https://") {
            return Err(TextProblem::HttpPrefix);
        }
        if self.starts_with_letter && !value.chars().next().is_some_and(char::is_alphabetic) {
            return Err(TextProblem::FirstNotLetter);
        }
        if let Some(also) = self.also {
            if let Some(c) = value
                .chars()
                .find(|c| !(c.is_alphabetic() || c.is_ascii_digit() || also.contains(*c)))
            {
                return Err(TextProblem::Character(c));
            }
        }
        Ok(())
    }

    /// The rule in one sentence, for messages.
    pub fn describe(self) -> String {
        let mut text = format!("{} to {} characters", self.min, self.max);
        if self.starts_with_letter {
            text.push_str(", starting with a letter");
        }
        if let Some(also) = self.also {
            let listed: Vec<String> = also.chars().map(|c| format!("\"{c}\"")).collect();
            text.push_str(&format!(", letters, digits and {}", listed.join(" ")));
        }
        text.push_str(", not starting with http:// or https://");
        text
    }
}

/// A name under the 2020 rules: 2 to 128 characters, starting with a letter; letters,
/// digits, `_`, `-` and `.` (the article-era pages).
pub const NAME_2020: TextRule = TextRule {
    min: 2,
    max: 128,
    starts_with_letter: true,
    also: Some("_-."),
};

/// A description under the 2020 rules: 2 to 256 characters.
pub const DESCRIPTION_2020: TextRule = TextRule {
    min: 2,
    max: 256,
    starts_with_letter: false,
    also: None,
};

const fn any(min: usize, max: usize) -> TextRule {
    TextRule {
        min,
        max,
        starts_with_letter: false,
        also: None,
    }
}

const fn lettered(min: usize, max: usize, also: Option<&'static str>) -> TextRule {
    TextRule {
        min,
        max,
        starts_with_letter: true,
        also,
    }
}

/// One free-text parameter of an action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TextParameter {
    /// The API action, for example `CreateVpc`.
    pub action: &'static str,
    /// The parameter, for example `VpcName`.
    pub param: &'static str,
    /// Today's rule, from the action's API reference page.
    pub current: TextRule,
    /// The 2020 rule when it is not the generic [`NAME_2020`] / [`DESCRIPTION_2020`].
    pub y2020: Option<TextRule>,
    /// The error code the page documents for a malformed value.
    pub code: &'static str,
}

const fn text(
    action: &'static str,
    param: &'static str,
    current: TextRule,
    code: &'static str,
) -> TextParameter {
    TextParameter {
        action,
        param,
        current,
        y2020: None,
        code,
    }
}

/// Every name and description parameter the model takes, with its rules.
pub const TEXT_PARAMETERS: &[TextParameter] = &[
    text(
        "CreateVpc",
        "VpcName",
        any(1, 128),
        "InvalidVpcName.Malformed",
    ),
    text(
        "CreateVpc",
        "Description",
        any(1, 256),
        "InvalidVpcDiscription.Malformed",
    ),
    text(
        "CreateVSwitch",
        "VSwitchName",
        any(1, 128),
        "InvalidVSwitchName.Malformed",
    ),
    text(
        "CreateVSwitch",
        "Description",
        any(1, 256),
        "InvalidDescription.Malformed",
    ),
    text(
        "CreateRouteEntry",
        "RouteEntryName",
        any(1, 128),
        "InvalidRouteEntryName.Malformed",
    ),
    text(
        "CreateRouteEntry",
        "Description",
        any(1, 256),
        "InvalidDescription.Malformed",
    ),
    text(
        "RunInstances",
        "InstanceName",
        lettered(2, 128, Some(":_.-")),
        "InvalidInstanceName.Malformed",
    ),
    text(
        "RunInstances",
        "Description",
        any(2, 256),
        "InvalidDescription.Malformed",
    ),
    text(
        "AllocateEipAddress",
        "Name",
        any(0, 128),
        "InvalidName.Malformed",
    ),
    text(
        "AllocateEipAddress",
        "Description",
        any(0, 256),
        "InvalidDescription.Malformed",
    ),
    text(
        "CreateSecurityGroup",
        "SecurityGroupName",
        lettered(2, 128, Some(":_.-")),
        "InvalidSecurityGroupName.Malformed",
    ),
    text(
        "CreateSecurityGroup",
        "Description",
        any(2, 256),
        "InvalidDescription.Malformed",
    ),
    TextParameter {
        y2020: Some(any(1, 512)),
        ..text(
            "AuthorizeSecurityGroup",
            "Description",
            any(1, 512),
            "InvalidSecurityGroupDiscription.Malformed",
        )
    },
    TextParameter {
        y2020: Some(any(1, 512)),
        ..text(
            "AuthorizeSecurityGroupEgress",
            "Description",
            any(1, 512),
            "InvalidSecurityGroupDiscription.Malformed",
        )
    },
    text(
        "CreateNatGateway",
        "Name",
        lettered(2, 128, Some("_-")),
        "InvalidName.Malformed",
    ),
    text(
        "CreateNatGateway",
        "Description",
        any(2, 256),
        "InvalidDescription.Malformed",
    ),
    text(
        "CreateSnatEntry",
        "SnatEntryName",
        lettered(2, 128, None),
        "InvalidParameter.Name.Malformed",
    ),
    text(
        "CreateForwardEntry",
        "ForwardEntryName",
        lettered(2, 128, None),
        "InvalidParameter.Name.Malformed",
    ),
    text(
        "CreateVpnGateway",
        "Name",
        any(1, 128),
        "InvalidName.Malformed",
    ),
    text(
        "CreateCustomerGateway",
        "Name",
        any(1, 100),
        "InvalidName.Malformed",
    ),
    text(
        "CreateCustomerGateway",
        "Description",
        any(1, 100),
        "InvalidDescription.Malformed",
    ),
    text(
        "CreateVpnConnection",
        "Name",
        any(1, 100),
        "InvalidName.Malformed",
    ),
    text(
        "CreateVirtualBorderRouter",
        "Name",
        lettered(2, 128, Some("_-")),
        "InvalidName.Malformed",
    ),
    text(
        "CreateVirtualBorderRouter",
        "Description",
        any(2, 256),
        "InvalidDescription.Malformed",
    ),
    // Ours, not an Alibaba resource: a data centre's name is free text in both rule sets.
    TextParameter {
        y2020: Some(any(1, 128)),
        ..text(
            "CreateDataCenter",
            "DataCenterName",
            any(1, 128),
            "InvalidName.Malformed",
        )
    },
    TextParameter {
        y2020: Some(lettered(1, 80, Some("_-."))),
        ..text(
            "CreateLoadBalancer",
            "LoadBalancerName",
            lettered(1, 80, Some("_-.")),
            "InvalidParameter",
        )
    },
    text(
        "CreateDBInstance",
        "DBInstanceDescription",
        any(2, 256),
        "InvalidDBInstanceDescription.Malformed",
    ),
];

/// The rule and error code of a free-text parameter under a rule set, or `None` when the
/// parameter is not in [`TEXT_PARAMETERS`].
///
/// ```
/// use vpclab::model::{catalog, RuleSet};
/// let (rule, code) = catalog::text_rule(RuleSet::Current, "CreateVpc", "VpcName").unwrap();
/// assert_eq!((rule.min, rule.max, code), (1, 128, "InvalidVpcName.Malformed"));
/// let (rule, _) = catalog::text_rule(RuleSet::Y2020, "CreateVpc", "VpcName").unwrap();
/// assert_eq!(rule, catalog::NAME_2020);
/// ```
pub fn text_rule(rules: RuleSet, action: &str, param: &str) -> Option<(TextRule, &'static str)> {
    let row = TEXT_PARAMETERS
        .iter()
        .find(|row| row.action == action && row.param == param)?;
    let rule = match rules {
        RuleSet::Current => row.current,
        RuleSet::Y2020 => row.y2020.unwrap_or(if param.ends_with("Description") {
            DESCRIPTION_2020
        } else {
            NAME_2020
        }),
    };
    Some((rule, row.code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_rules_table() {
        // (rule set, action, parameter, value, accepted)
        let cases = [
            (RuleSet::Current, "CreateVpc", "VpcName", "a", true),
            (RuleSet::Y2020, "CreateVpc", "VpcName", "a", false),
            (RuleSet::Current, "CreateVpc", "VpcName", "1st vpc", true),
            (RuleSet::Y2020, "CreateVpc", "VpcName", "1st-vpc", false),
            (RuleSet::Y2020, "CreateVpc", "VpcName", "vpc.prod_1-a", true),
            (RuleSet::Y2020, "CreateVpc", "VpcName", "vpc prod", false),
            (RuleSet::Current, "CreateVpc", "VpcName", "http://x", false),
            (RuleSet::Current, "CreateVpc", "VpcName", "HTTPS://x", false),
            (
                RuleSet::Current,
                "CreateVpc",
                "VpcName",
                "abc\u{202e}exe.txt",
                false,
            ),
            (
                RuleSet::Y2020,
                "CreateVpc",
                "VpcName",
                "abc\u{202e}exe",
                false,
            ),
            (
                RuleSet::Current,
                "CreateVpc",
                "VpcName",
                "line\nbreak",
                false,
            ),
            (
                RuleSet::Current,
                "CreateVSwitch",
                "VSwitchName",
                "año-1",
                true,
            ),
            (
                RuleSet::Y2020,
                "RunInstances",
                "InstanceName",
                "Servidor-Año",
                true,
            ),
            (
                RuleSet::Current,
                "RunInstances",
                "InstanceName",
                "web:01",
                true,
            ),
            (
                RuleSet::Y2020,
                "RunInstances",
                "InstanceName",
                "web:01",
                false,
            ),
            (
                RuleSet::Current,
                "CreateSecurityGroup",
                "Description",
                "x",
                false,
            ),
            (
                RuleSet::Current,
                "AuthorizeSecurityGroup",
                "Description",
                "x",
                true,
            ),
            (
                RuleSet::Y2020,
                "AuthorizeSecurityGroup",
                "Description",
                "x",
                true,
            ),
            (RuleSet::Current, "CreateNatGateway", "Name", "nat.1", false),
            (
                RuleSet::Current,
                "CreateLoadBalancer",
                "LoadBalancerName",
                "c",
                true,
            ),
        ];
        for (rules, action, param, value, accepted) in cases {
            let (rule, _) = text_rule(rules, action, param).expect("catalogued");
            assert_eq!(
                rule.check(value).is_ok(),
                accepted,
                "{rules:?} {action}.{param} = {value:?}"
            );
        }
        let long = "a".repeat(300);
        for rules in RuleSet::ALL {
            let (rule, _) = text_rule(rules, "CreateVpc", "VpcName").expect("catalogued");
            assert_eq!(rule.check(&long), Err(TextProblem::Length(300)));
        }
    }

    #[test]
    fn every_text_parameter_is_listed_once_with_a_known_code() {
        for (index, row) in TEXT_PARAMETERS.iter().enumerate() {
            assert!(
                crate::model::ErrorCode::from_code(row.code).is_some(),
                "{} is not in the error table",
                row.code
            );
            assert!(
                !TEXT_PARAMETERS[..index]
                    .iter()
                    .any(|other| other.action == row.action && other.param == row.param),
                "{}.{}",
                row.action,
                row.param
            );
        }
    }
}
