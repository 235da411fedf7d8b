package entra.scuba.aad.ms_aad_8_3_test

import data.entra.scuba.aad.fixture_test as fx
import data.entra.scuba.aad.ms_aad_8_3 as control

test_manual_with_instructions if {
	contains(control.manual, "specified domains") with input as fx.good
	not control.findings with input as fx.good
}
