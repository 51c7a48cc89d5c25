"""M/M/50 at 90 % load in Ciw: the same model as benches/scenarios/mm50.toml.

Prints calls simulated per second. Usage: python ciw_mm50.py CALLS
"""
import sys
import time

import ciw

AGENTS, AHT, RATE = 50, 180.0, 0.25


def main(calls):
    network = ciw.create_network(
        arrival_distributions=[ciw.dists.Exponential(rate=RATE)],
        service_distributions=[ciw.dists.Exponential(rate=1.0 / AHT)],
        number_of_servers=[AGENTS],
    )
    ciw.seed(1)
    sim = ciw.Simulation(network)
    horizon = calls / RATE
    start = time.perf_counter()
    sim.simulate_until_max_time(horizon)
    elapsed = time.perf_counter() - start
    done = len(sim.get_all_records())
    print(f"{done / elapsed:.0f}")


if __name__ == "__main__":
    main(int(sys.argv[1]))
