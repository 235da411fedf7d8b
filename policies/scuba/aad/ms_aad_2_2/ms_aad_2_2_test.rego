package entra.scuba.aad.ms_aad_2_2_test

import data.entra.scuba.aad.fixture_test as fx
import data.entra.scuba.aad.ms_aad_2_2 as control

test_manual_with_instructions if {
	contains(control.manual, "Users at risk detected") with input as fx.good
	not control.findings with input as fx.good
}
