// Command entra-audit makes a Microsoft Entra ID tenant's security
// configuration reviewable like code.
package main

import (
	"os"

	"github.com/entra-audit/entra-audit/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], cli.Std()))
}
