package entra.scuba.aad.ms_aad_4_1_test

import data.entra.scuba.aad.fixture_test as fx
import data.entra.scuba.aad.ms_aad_4_1 as control

test_manual_with_instructions if {
	contains(control.manual, "MicrosoftGraphActivityLogs") with input as fx.good
	not control.findings with input as fx.good
}
