package oasis.release;

import java.util.List;

/**
 * What {@code oasis release} does or would do: the version, the files, the commit and the tag.
 *
 * @param dryRun whether this plan was only printed
 * @param version the version to release
 * @param tag the annotated tag to create
 * @param commit the commit released (HEAD before the release commit)
 * @param previous the previous stable release, or null
 * @param bump the bump the commits called for, or {@code forced} for {@code --version}
 * @param signed whether the tag is signed (a signing key is configured in git config)
 * @param files the files written, relative to the project: manifest, notes, descriptor set
 * @param commitMessage the message of the release commit
 * @param missingArtifacts components (and {@code proto}) with no built artifact
 * @param nonConventional commits since the previous release that are not conventional
 * @param protoDescriptorSet the descriptor set copied to {@code releases/contracts/vX.Y.Z.desc}
 * @param manifest the manifest written to {@code releases/vX.Y.Z.yaml}
 * @param notes the notes written to {@code releases/vX.Y.Z.md}
 */
public record ReleasePlan(
    boolean dryRun,
    String version,
    String tag,
    String commit,
    String previous,
    String bump,
    boolean signed,
    List<String> files,
    String commitMessage,
    List<String> missingArtifacts,
    List<NextVersion.Skipped> nonConventional,
    ReleaseManifest.Artifact protoDescriptorSet,
    ReleaseManifest manifest,
    String notes) {}
