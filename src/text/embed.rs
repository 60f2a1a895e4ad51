//! What is wrong with an embedding page's address (`?embed=1&scenario=…`), in the page
//! author's language. English is the errors' own `Display` (what the command line and the
//! tests read); Spanish is written here.

use super::Language;
use crate::embed::content::URL_BYTES;
use crate::embed::{OriginProblem, QueryError, UrlProblem};

/// The problem with the address's query, worded in `language` (a clause, no full stop).
pub fn query_error(language: Language, error: &QueryError) -> String {
    if language == Language::English {
        return error.to_string();
    }
    match error {
        QueryError::BadEncoding { pair } => {
            format!("«{pair}» de la dirección tiene un escape % incorrecto")
        }
        QueryError::Repeated(parameter) => format!("«{parameter}» aparece dos veces"),
        QueryError::BadFlag { parameter, value } => {
            format!("{parameter}={value}: se esperaba {parameter}=1 o {parameter}=0")
        }
        QueryError::ReadonlyAndEdit => {
            "readonly=1 y edit=1 se contradicen: usa solo uno".to_owned()
        }
        QueryError::TwoSources(first, second) => {
            format!("«{first}» y «{second}» indican los dos qué mostrar: usa solo uno")
        }
        QueryError::BadUrl {
            parameter,
            value,
            problem,
        } => format!("{parameter}={value}: {}", url_problem(language, problem)),
        QueryError::BadLessonId(value) => format!(
            "lesson={value}: se esperaba el id de una lección (minúsculas, dígitos y guiones) o la dirección de un archivo de lección"
        ),
        QueryError::BadStep(value) => format!("step={value}: se esperaba un número de paso desde 1"),
        QueryError::UnsupportedLanguage(value) => format!("lang={value}: vpclab habla en y es"),
        QueryError::BadOrigin { value, problem } => {
            format!("allowOrigin={value}: {}", origin_problem(language, problem))
        }
    }
}

/// Why a `scenario`, `topology` or `lesson` address is not fetched, in `language`.
pub fn url_problem(language: Language, problem: &UrlProblem) -> String {
    if language == Language::English {
        return problem.to_string();
    }
    match problem {
        UrlProblem::Empty => "la dirección está vacía".to_owned(),
        UrlProblem::TooLong => format!("la dirección ocupa más de {URL_BYTES} bytes"),
        UrlProblem::Unsafe => {
            "la dirección tiene un espacio, un carácter de control o una barra invertida".to_owned()
        }
        UrlProblem::Scheme(scheme) => format!(
            "las direcciones «{scheme}:» no se cargan: usa https:// o una dirección relativa"
        ),
        UrlProblem::NoHost => "la dirección no tiene host después del esquema".to_owned(),
    }
}

/// Why an `allowOrigin` value is not an origin, in `language`.
pub fn origin_problem(language: Language, problem: &OriginProblem) -> String {
    if language == Language::English {
        return problem.to_string();
    }
    let spanish = match problem {
        OriginProblem::Wildcard => {
            "«*» dejaría que cualquier página controlara el laboratorio; indica cada origen"
        }
        OriginProblem::Null => {
            "«null» es el origen de todos los marcos aislados (sandbox) y de las páginas file:"
        }
        OriginProblem::NotHttp => "un origen empieza por https:// o http://",
        OriginProblem::HasPath => {
            "un origen termina tras el host y el puerto (sin ruta, ni siquiera una / final)"
        }
        OriginProblem::NotLowercase => "los navegadores escriben los orígenes en minúsculas",
        OriginProblem::DefaultPort => "los navegadores omiten el puerto por defecto (:443, :80)",
        OriginProblem::BadHost => "falta el host o está mal formado",
        OriginProblem::BadPort => "el puerto no es un número de 1 a 65535",
    };
    spanish.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::embed::EmbedOptions;

    /// An address with each kind of problem.
    const QUERIES: [&str; 14] = [
        "embed=%G1",
        "embed=1&embed=1",
        "embed=yes",
        "readonly=1&edit=1",
        "scenario=a.json&topology=b.json",
        "scenario=",
        "scenario=javascript:alert(1)",
        "scenario=https:nohost",
        "scenario=a%20b.json",
        "lesson=ECS networking",
        "step=0",
        "lang=fr",
        "allowOrigin=*",
        "allowOrigin=https://Example.org",
    ];

    #[test]
    fn every_problem_of_an_address_is_worded_in_english_as_displayed_and_in_spanish() {
        for query in QUERIES {
            let error = EmbedOptions::from_query(query).expect_err(query);
            let english = query_error(Language::English, &error);
            let spanish = query_error(Language::Spanish, &error);
            assert_eq!(english, error.to_string(), "{query}");
            assert_ne!(spanish, english, "{query}: Spanish is English");
            assert!(
                !spanish.contains("expected") && !spanish.contains(" the "),
                "{query}: {spanish}"
            );
        }
    }

    #[test]
    fn every_problem_of_an_origin_is_worded_in_both_languages() {
        use OriginProblem as P;
        for problem in [
            P::Wildcard,
            P::Null,
            P::NotHttp,
            P::HasPath,
            P::NotLowercase,
            P::DefaultPort,
            P::BadHost,
            P::BadPort,
        ] {
            assert_eq!(
                origin_problem(Language::English, &problem),
                problem.to_string()
            );
            assert_ne!(
                origin_problem(Language::Spanish, &problem),
                problem.to_string()
            );
        }
        for problem in [
            UrlProblem::Empty,
            UrlProblem::TooLong,
            UrlProblem::Unsafe,
            UrlProblem::Scheme("ftp".into()),
            UrlProblem::NoHost,
        ] {
            assert_eq!(
                url_problem(Language::English, &problem),
                problem.to_string()
            );
            assert_ne!(
                url_problem(Language::Spanish, &problem),
                problem.to_string()
            );
        }
    }
}
