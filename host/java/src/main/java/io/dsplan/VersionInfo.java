package io.dsplan;

import java.util.List;

/**
 * What the module is: ABI {@code version} function ({@code dsplan version -o json}).
 *
 * @param dsplan dsplan's version
 * @param kubernetes the Kubernetes release whose semantics dsplan follows
 * @param featureGates default feature gates of that release, as {@code Name=bool}
 */
public record VersionInfo(String dsplan, String kubernetes, List<String> featureGates) {}
