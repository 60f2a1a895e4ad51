//! Benchmarks of path analysis on the 5,000-instance topology (`example::large_network`):
//! one trace between VSwitches of different zones, one to the Internet, one from the
//! Internet, a TCP trace without a port (the "some port" search), and "who can this
//! instance reach?" over all 5,000 instances. Native only: on wasm32 this compiles to an
//! empty program, since criterion is a native dev-dependency.

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::hint::black_box;
    use std::time::Duration;

    use criterion::Criterion;
    use vpclab::model::example;
    use vpclab::model::trace::{reachable_from, trace, Endpoint, Protocol};

    pub fn run() {
        let large = example::large_network(5_000);
        assert_eq!(large.instances().len(), 5_000);
        // i-0002 (vm-1) sits in the first VSwitch without a public address; i-5000
        // (vm-4999) in the fifth, in another zone. i-0001 has a NatPublicIP.
        let first = Endpoint::Resource("i-0002".into());
        let last = Endpoint::Resource("i-5000".into());
        let public = Endpoint::Resource("i-0001".into());
        let internet = Endpoint::Internet(None);
        let answer = trace(&large, &first, &last, Protocol::Tcp, Some(22));
        assert!(answer.reachable, "{answer:?}");
        assert_eq!(answer.hops.len(), 5);

        let mut criterion = Criterion::default()
            .sample_size(50)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(3))
            .configure_from_args();
        criterion.bench_function("trace across zones (5,000 instances)", |b| {
            b.iter(|| trace(black_box(&large), &first, &last, Protocol::Tcp, Some(22)));
        });
        criterion.bench_function("trace to the Internet (5,000 instances)", |b| {
            b.iter(|| {
                trace(
                    black_box(&large),
                    &public,
                    &internet,
                    Protocol::Tcp,
                    Some(443),
                )
            });
        });
        criterion.bench_function("trace from the Internet, denied (5,000 instances)", |b| {
            b.iter(|| {
                trace(
                    black_box(&large),
                    &internet,
                    &public,
                    Protocol::Tcp,
                    Some(22),
                )
            });
        });
        criterion.bench_function("trace without a port (5,000 instances)", |b| {
            b.iter(|| trace(black_box(&large), &first, &last, Protocol::Tcp, None));
        });
        let mut slow = Criterion::default()
            .sample_size(10)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(5))
            .configure_from_args();
        slow.bench_function("who can i-0002 reach? (5,000 instances)", |b| {
            b.iter(|| reachable_from(black_box(&large), &first));
        });
        criterion.final_summary();
    }
}

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    native::run();
}
