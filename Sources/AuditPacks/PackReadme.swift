import Foundation

/// `README.txt`, a tag file at the bag's root: whoever unzips a pack sees `bagit.txt`,
/// manifests and a `data/` folder, and needs to be told where the audit is and how to
/// check it. BagIt allows any tag file at the root; this one is listed in the tag
/// manifests and signed like the rest, so it cannot be changed to point elsewhere.
enum PackReadme {
    static let data = Data(
        """
        cxaudit evidence pack: a BagIt bag (RFC 8493).

        Open data/index.html first: findings by grade, clause verdicts, the reports, the
        traceability matrix and every evidence file the audit cited.

        Check the pack with the organization's public key, obtained from it separately:

            cxaudit verify PACK.zip --public-key KEY.pub

        or without cxaudit (docs/evidence-packs.md, "Verifying without cxaudit"):

            bagit.py --validate FOLDER      every file against manifest-sha512.txt, manifest-sha256.txt
                                            and the tag manifests (pip install bagit)
            verdict.intoto.jsonl            the signed verdict: an in-toto Statement v1 in a DSSE
                                            envelope (Ed25519), naming every file by its SHA-256
            verdict.tsr                     when present: an RFC 3161 time-stamp token over
                                            verdict.intoto.jsonl (openssl ts -verify)

        """.utf8)
}
