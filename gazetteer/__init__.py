"""frontline's gazetteer: names and context in, real places out. It never imports ``mapper``."""

from gazetteer.place import Candidate, Place, Resolution, ResolveContext

__all__ = ["Candidate", "Place", "Resolution", "ResolveContext"]
