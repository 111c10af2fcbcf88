"""Why a particle stopped, or that it still runs: the one list of statuses, their codes and words.

A run stores a status as a small integer code (an index into ``STATUS_NAMES``); everything a
person reads (the status panel, the swarm legend, the command line) takes its words from here.
"""

from __future__ import annotations

__all__ = ["RUNNING", "CONVERGED", "SADDLE", "PLATEAU", "DIVERGED", "MAX_STEPS", "STATUS_NAMES",
           "STATUS_WORDS", "STATUS_MEANINGS", "UNDEFINED_VALUE", "UNDEFINED_GRADIENT", "UNBOUNDED",
           "CIRCLING_KINK"]

RUNNING, CONVERGED, SADDLE, PLATEAU, DIVERGED, MAX_STEPS = range(6)
STATUS_NAMES = ("running", "converged", "saddle", "plateau", "diverged", "max_steps")

# A few words, for a status line or a legend: "12 particles at a saddle".
STATUS_WORDS = {"running": "running", "converged": "converged", "saddle": "at a saddle",
                "plateau": "on a plateau", "diverged": "diverged", "max_steps": "out of steps"}

# One sentence, for the command line's report of how each particle ended.
STATUS_MEANINGS = {
    "running": "still moving",
    "converged": "the gradient vanished at a minimum",
    "saddle": "the gradient vanished but the surface curves down in some direction (saddle point)",
    "plateau": "the gradient and the curvature are both ~0: too flat to move",
    "diverged": "the steps blew up (too large a learning rate?)",
    "max_steps": "used every step without the gradient falling below the tolerance",
}

# Why a particle is "diverged" without a single step: where it stands, f or ∇f is not a number.
UNDEFINED_VALUE = "f is undefined or infinite here: pick a start where f is a finite number"
UNDEFINED_GRADIENT = "the gradient is undefined or infinite here: pick a start where f has a finite slope"

# Why a particle ran away or ran out of steps when γ is not to blame (critical.py decides which):
# f fell on every one of its last steps, by no less each time, and took it off the domain...
UNBOUNDED = "f has no minimum here: it falls without bound"
# ... or its gradients flip across a point without ever getting small: a kink such as |x| at 0.
CIRCLING_KINK = "circling a point where f has no gradient"
