import Foundation
import RCMSCommands

let status = await RCMSCommandLine.run(Array(CommandLine.arguments.dropFirst()))
exit(status)
