/// The version of GNU GSL this process runs on, for `--version` and manifests.
public var gslVersion: String { GSL.version }
