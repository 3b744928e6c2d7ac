"""Value types of the domain, one module each (in the manner of followthemoney's types):
how a value is written, checked, bounded and compared."""
