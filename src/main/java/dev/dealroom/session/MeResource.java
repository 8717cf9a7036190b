package dev.dealroom.session;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.dealroom.access.Caller;
import dev.dealroom.access.CurrentCaller;
import dev.dealroom.common.error.ApiException;
import dev.dealroom.common.error.ProblemCode;
import dev.dealroom.common.error.ProblemDocumentation;
import dev.dealroom.common.i18n.Language;
import dev.dealroom.common.i18n.LanguagePreferences;
import dev.dealroom.common.i18n.Text;
import io.quarkus.security.Authenticated;

@Path("/api/me")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Rooms")
public class MeResource {

    /**
     * @param name          the display name the identity provider gives
     * @param email         the verified email this login acts as in rooms, or null when it is not verified
     * @param emailVerified whether rooms can be opened and joined with this login
     * @param language      the language I chose for the page and my emails ({@code en}, {@code fr}), or null when I
     *                      never chose (then each request's {@code Accept-Language} decides)
     */
    public record Me(String name, String email, boolean emailVerified,
            @Schema(enumeration = { "en", "fr" }, nullable = true) String language) {
    }

    /** @param language {@code en} or {@code fr} */
    public record LanguageRequest(@NotNull @Schema(enumeration = { "en", "fr" }, required = true) String language) {
    }

    private final CurrentCaller caller;
    private final LanguagePreferences languages;

    public MeResource(CurrentCaller caller, LanguagePreferences languages) {
        this.caller = caller;
        this.languages = languages;
    }

    @GET
    @Operation(summary = "Who I am signed in as", description = "With the language I chose, if I chose one.")
    public Me me() {
        Caller me = caller.get();
        String language = me.memberEmail().flatMap(languages::of).map(Language::tag).orElse(null);
        return new Me(me.name(), me.memberEmail().orElse(null), me.memberEmail().isPresent(), language);
    }

    @PUT
    @Path("/language")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Choose my language", description = "Remembered for me (my verified email) across rooms "
            + "and logins: problem titles and field messages, the coordination view's health reasons and the emails "
            + "Deal Room sends me are in this language from now on, whatever `Accept-Language` says.")
    @APIResponse(responseCode = "200", description = "Remembered; who I am, with the new language",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Me.class)))
    @Extension(name = ProblemDocumentation.PROBLEMS, value = "email-not-verified")
    public Me chooseLanguage(@Valid @NotNull LanguageRequest request) {
        Caller me = caller.get();
        Language language = Language.of(request.language()).filter(chosen -> chosen.tag().equals(request.language()))
                .orElseThrow(() -> ApiException.invalidField("language", "invalid-value",
                        Text.of("field.language", "languages", "en, fr")));
        String email = me.memberEmail().orElseThrow(() -> new ApiException(ProblemCode.EMAIL_NOT_VERIFIED,
                Text.of("detail.verify-email-for-language")));
        languages.remember(email, language);
        return new Me(me.name(), email, true, language.tag());
    }
}
