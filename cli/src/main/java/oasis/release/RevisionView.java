package oasis.release;

import java.util.Map;

/**
 * What the promotion gate needs to know of one deployment revision of an environment: the deploy
 * ledger maps its revisions to this.
 *
 * @param version the released version it deployed ({@code 1.2.3}, with or without {@code v}), or a
 *     development version
 * @param commit the commit of the release ({@link ReleaseManifest#commit()})
 * @param digests component name to the {@code sha256:HEX} digest of the artifact it ran
 * @param protoDescriptorDigest the {@code sha256:HEX} of the proto descriptor set, or null when not
 *     recorded
 * @param state {@code pending}, {@code progressing}, {@code healthy}, {@code failed}, {@code
 *     superseded} or {@code rolled-back}
 */
public record RevisionView(
    String version,
    String commit,
    Map<String, String> digests,
    String protoDescriptorDigest,
    String state) {

  public RevisionView {
    digests = digests == null ? Map.of() : Map.copyOf(digests);
  }
}
