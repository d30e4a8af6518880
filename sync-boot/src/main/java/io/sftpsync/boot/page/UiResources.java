package io.sftpsync.boot.page;

import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves {@code /ui/**} from every jar's {@code ui/} folder: this module's {@code app.js} and {@code app.css},
 * and each view's script from the module that declares it. Browsers revalidate (a 304 when unchanged), so a new
 * version shows on the next load.
 */
final class UiResources implements WebMvcConfigurer {

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/ui/**").addResourceLocations("classpath:/ui/")
                .setCacheControl(CacheControl.noCache());
    }
}
