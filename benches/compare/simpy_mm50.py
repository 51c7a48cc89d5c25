"""M/M/50 at 90 % load in SimPy: the same model as benches/scenarios/mm50.toml.

Prints calls simulated per second. Usage: python simpy_mm50.py CALLS
"""
import random
import sys
import time

import simpy

AGENTS, AHT, RATE = 50, 180.0, 0.25  # 900 calls an hour, 3-minute handle times


def main(calls):
    env = simpy.Environment()
    agents = simpy.Resource(env, capacity=AGENTS)
    rng = random.Random(1)
    waits = []

    def caller(env):
        arrived = env.now
        with agents.request() as req:
            yield req
            waits.append(env.now - arrived)
            yield env.timeout(rng.expovariate(1.0 / AHT))

    def source(env):
        for _ in range(calls):
            yield env.timeout(rng.expovariate(RATE))
            env.process(caller(env))

    env.process(source(env))
    start = time.perf_counter()
    env.run()
    elapsed = time.perf_counter() - start
    print(f"{calls / elapsed:.0f}")


if __name__ == "__main__":
    main(int(sys.argv[1]))
